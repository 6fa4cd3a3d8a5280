using Microsoft.Extensions.Options;
using QRCoder;

namespace RegioLab.Sim.Web.Live;

/// <summary>The join URL of a workshop (what the QR code holds) and its QR code.</summary>
public sealed class JoinLinks(IOptions<WebOptions> options)
{
    /// <summary>
    /// <c>{origin}/join/{CODE}</c>. The origin is Web:PublicUrl when set (behind a proxy, or when the
    /// host listens on an address phones can not reach), else the address this request came to.
    /// </summary>
    public string JoinUrl(HttpContext? http, string code)
    {
        var origin = options.Value.PublicUrl is { Length: > 0 } configured
            ? configured.TrimEnd('/')
            : http is null ? string.Empty : $"{http.Request.Scheme}://{http.Request.Host}";
        return $"{origin}/join/{code}";
    }

    /// <summary>The join link that seats a player at one table (when players pick their table): <c>…/join/{CODE}?table=N</c>.</summary>
    public static string ForTable(string joinUrl, int table) => $"{joinUrl}?table={table}";

    /// <summary>An SVG QR code of a URL, dark on light with a quiet zone, readable from the back of a room.</summary>
    public static string QrSvg(string url)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(url, QRCodeGenerator.ECCLevel.M);
        return new SvgQRCode(data).GetGraphic(new System.Drawing.Size(512, 512), "#000000", "#ffffff", drawQuietZones: true);
    }
}
