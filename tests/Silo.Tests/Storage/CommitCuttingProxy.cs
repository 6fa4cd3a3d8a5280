using System.Net;
using System.Net.Sockets;
using System.Text;

namespace RegioLab.Sim.Silo.Tests.Storage;

/// <summary>
/// A TCP proxy in front of a PostgreSQL server. Once armed, it passes the next COMMIT on to the
/// server and cuts that connection before the server's answer reaches the client: the server
/// commits, the client only sees its connection break - once the server has answered, or, armed
/// with <c>waitForAnswer: false</c>, at once, while the server may still be committing.
/// (The connection must not use TLS.)
/// </summary>
internal sealed class CommitCuttingProxy : IAsyncDisposable
{
    private static readonly byte[] Commit = Encoding.ASCII.GetBytes("COMMIT\0");

    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stopping = new();
    private readonly string serverHost;
    private readonly int serverPort;
    private readonly Task accepting;
    private int armed;
    private volatile bool waitForAnswer = true;
    private volatile bool refuseAfterCut;
    private volatile bool refusing;

    public CommitCuttingProxy(string serverHost, int serverPort)
    {
        this.serverHost = serverHost;
        this.serverPort = serverPort;
        listener.Start();
        accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

    /// <summary>Completes when a COMMIT was passed on and its connection cut.</summary>
    public TaskCompletionSource Cut { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Cuts at the next COMMIT; with <paramref name="refuseAfterCut"/>, connections opened after the cut are closed at once.</summary>
    public void ArmAtNextCommit(bool waitForAnswer = true, bool refuseAfterCut = false)
    {
        this.waitForAnswer = waitForAnswer;
        this.refuseAfterCut = refuseAfterCut;
        Interlocked.Exchange(ref armed, 1);
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        listener.Stop();
        try
        {
            await accepting;
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }

        stopping.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            var client = await listener.AcceptTcpClientAsync(stopping.Token);
            if (refusing)
            {
                client.Client.Close(0);
                client.Dispose();
                continue;
            }

            var server = new TcpClient();
            await server.ConnectAsync(serverHost, serverPort, stopping.Token);
            _ = RelayAsync(client, server);
        }
    }

    private async Task RelayAsync(TcpClient client, TcpClient server)
    {
        using (client)
        using (server)
        {
            var cutting = new CancellationTokenSource();
            var answered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var toServer = PumpAsync(client.GetStream(), server.GetStream(), cutting, answered, watchForCommit: true);
            var toClient = PumpAsync(server.GetStream(), client.GetStream(), cutting, answered, watchForCommit: false);
            await Task.WhenAny(toServer, toClient);
            if (cutting.IsCancellationRequested)
            {
                // The server's answer to the COMMIT (it has committed) goes nowhere; then both sides break.
                if (waitForAnswer)
                {
                    await answered.Task.WaitAsync(TimeSpan.FromSeconds(10));
                }

                refusing = refuseAfterCut;
                client.Client.Close(0);
                Cut.TrySetResult();
            }
        }
    }

    private async Task PumpAsync(NetworkStream from, NetworkStream to, CancellationTokenSource cutting, TaskCompletionSource answered, bool watchForCommit)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            while (await from.ReadAsync(buffer) is var read and > 0)
            {
                if (cutting.IsCancellationRequested)
                {
                    answered.TrySetResult();
                    continue;
                }

                var commit = watchForCommit && buffer.AsSpan(0, read).IndexOf(Commit) >= 0 && Interlocked.Exchange(ref armed, 0) == 1;
                if (commit)
                {
                    // From here on nothing the server says reaches the client.
                    await cutting.CancelAsync();
                }

                await to.WriteAsync(buffer.AsMemory(0, read));
                if (commit)
                {
                    return;
                }
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or SocketException)
        {
        }
    }
}
