using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using RegioLab.Sim.Web.Tests;

namespace RegioLab.Sim.Deploy.Tests;

/// <summary>
/// A page as the browser's runs it: WebSockets without the negotiate request (so any host behind the
/// proxy may take it), reconnecting at once after a drop and calling its opening method again
/// (Resume, Open or Watch), again while the answer is <c>host_unavailable</c>. Keeps every push.
/// </summary>
public sealed class Page : IAsyncDisposable
{
    private readonly List<(DateTime At, JsonElement Message)> pushes = [];
    private readonly Func<HubConnection, Task<JsonElement>> open;

    private Page(HubConnection connection, Func<HubConnection, Task<JsonElement>> open)
    {
        Connection = connection;
        this.open = open;
    }

    public HubConnection Connection { get; }

    /// <summary>The newest push, or null.</summary>
    public JsonElement? Last
    {
        get
        {
            lock (pushes)
            {
                return pushes.Count == 0 ? null : pushes[^1].Message;
            }
        }
    }

    /// <summary>When the connection last dropped (null: never).</summary>
    public DateTime? DroppedAt { get; private set; }

    public static async Task<Page> OpenAsync(Uri server, string hub, string pushed, Func<HubConnection, Task<JsonElement>> open)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(server, hub), o =>
            {
                o.SkipNegotiation = true;
                o.Transports = HttpTransportType.WebSockets;
            })
            .WithAutomaticReconnect([TimeSpan.Zero, TimeSpan.FromMilliseconds(250), TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)])
            .AddJsonProtocol(o => o.PayloadSerializerOptions = Json.Options)
            .Build();
        var page = new Page(connection, open);
        connection.On<JsonElement>(pushed, message =>
        {
            lock (page.pushes)
            {
                page.pushes.Add((DateTime.UtcNow, message));
            }
        });
        connection.Reconnecting += _ =>
        {
            page.DroppedAt ??= DateTime.UtcNow;
            return Task.CompletedTask;
        };
        connection.Reconnected += _ => page.OpenAgainAsync();
        await connection.StartAsync();
        await page.OpenAgainAsync();
        return page;
    }

    /// <summary>Waits until a push satisfies <paramref name="condition"/>; returns when it arrived.</summary>
    public async Task<DateTime> WaitForAsync(Func<JsonElement, bool> condition, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < until)
        {
            if (Last is { } last && condition(last))
            {
                return DateTime.UtcNow;
            }

            await Task.Delay(20);
        }

        throw new TimeoutException($"no push matched within {timeout.TotalSeconds} s; the last was {Last}");
    }

    /// <summary>Waits for a push after <paramref name="since"/> that satisfies <paramref name="condition"/>; returns when it arrived.</summary>
    public async Task<DateTime> WaitForPushAsync(DateTime since, Func<JsonElement, bool> condition, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < until)
        {
            lock (pushes)
            {
                if (pushes.FirstOrDefault(p => p.At > since && condition(p.Message)) is { Message.ValueKind: not JsonValueKind.Undefined } found)
                {
                    return found.At;
                }
            }

            await Task.Delay(20);
        }

        throw new TimeoutException($"no push after {since:HH:mm:ss.fff} matched within {timeout.TotalSeconds} s; the last was {Last}");
    }

    public async ValueTask DisposeAsync() => await Connection.DisposeAsync();

    private async Task OpenAgainAsync()
    {
        for (var attempt = 0; attempt < 20; attempt++)
        {
            var answer = await open(Connection);
            if (answer.GetProperty("ok").GetBoolean())
            {
                return;
            }

            Assert.Equal("host_unavailable", answer.GetProperty("code").GetString());
            await Task.Delay(250);
        }

        throw new InvalidOperationException("the cluster stayed unavailable");
    }
}
