using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using RegioLab.Sim.Scenarios.Rules;
using RegioLab.Sim.Web.Live;

namespace RegioLab.Sim.Web.Api;

/// <summary>
/// Reads a request's JSON body, so that a body the API can not read gets the documented refusal
/// (<see cref="ApiError"/>) and not an empty 400: 415 when it is not JSON, 400 with the place of the
/// problem when it does not parse or a field has the wrong kind.
/// </summary>
public static class JsonBody
{
    /// <summary>The largest body the API reads (its requests are a few hundred bytes).</summary>
    public const int MaxBytes = 16 * 1024;

    /// <summary>Reads the body as <typeparamref name="T"/>; <paramref name="maxBytes"/> is larger only for a body that carries a scenario file.</summary>
    public static async Task<(T? Value, JsonHttpResult<ApiError>? Refusal)> ReadAsync<T>(HttpContext http, long maxBytes = MaxBytes)
        where T : class
    {
        if (!http.Request.HasJsonContentType())
        {
            return (null, Refuse(Refusals.UnsupportedMediaType, StatusCodes.Status415UnsupportedMediaType));
        }

        if (http.Request.ContentLength > maxBytes)
        {
            return (null, Refuse(Refusals.InvalidBody($"more than {maxBytes} bytes"), StatusCodes.Status413PayloadTooLarge));
        }

        var options = http.RequestServices.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        try
        {
            return await http.Request.ReadFromJsonAsync<T>(options, http.RequestAborted) is { } value
                ? (value, null)
                : (null, Refuse(Refusals.InvalidBody("the body is null"), StatusCodes.Status400BadRequest));
        }
        catch (JsonException e)
        {
            var where = e.Path is { Length: > 1 } path ? $"at {path}" : "not JSON";
            return (null, Refuse(Refusals.InvalidBody(where), StatusCodes.Status400BadRequest));
        }
    }

    private static JsonHttpResult<ApiError> Refuse(Rejection rejection, int status) => TypedResults.Json(ApiError.Of(rejection), statusCode: status);
}
