using System.Threading.Channels;
using Microsoft.Win32.SafeHandles;

namespace RegioLab.Sim.Silo.Storage;

/// <summary>
/// The log file a store's writer commits into without syncing (SQLite's WAL with
/// synchronous=NORMAL), made durable here with one fsync for every batch committed before it.
/// </summary>
internal class LogFile(string path) : IDisposable
{
    private SafeFileHandle? handle;

    public string Path { get; } = path;

    /// <summary>
    /// Flushes the file's written pages to the disk. The handle is opened on first use, after a
    /// commit has created the file; its writer connection stays open meanwhile, so it is the same file.
    /// </summary>
    public virtual void Flush()
    {
        handle ??= File.OpenHandle(Path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
        RandomAccess.FlushToDisk(handle);
    }

    public void Dispose()
    {
        handle?.Dispose();
        GC.SuppressFinalize(this);
    }
}

/// <summary>
/// The second stage of the group commit: batches the writer has committed wait here for one flush
/// of their log file, and only then are their callers answered. The writer meanwhile commits the
/// next batch, so a flush (the slow part: the disk) overlaps the next batch's SQL instead of
/// following it. Batches are answered in the order they were committed.
/// </summary>
internal sealed class DurableFlusher
{
    private readonly Channel<Item> queue = Channel.CreateUnbounded<Item>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
    private readonly TaskCompletionSource stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public DurableFlusher()
    {
        // fsync blocks its thread for a disk's round trip: a thread of its own, not the pool's.
        new Thread(Run) { IsBackground = true, Name = "RegioLab store flush" }.Start();
    }

    /// <summary>Completes when every batch handed over has been answered.</summary>
    public Task Stopped => stopped.Task;

    /// <summary>Hands over a committed batch; its callers are answered after its log file's next flush (or told it failed).</summary>
    public void Committed(LogFile file, Action deliver, Action<Exception> fail) => queue.Writer.TryWrite(new Item(file, deliver, fail, Close: false));

    /// <summary>The writer is done with a log file: closed once the batches before are flushed.</summary>
    public void Retire(LogFile file) => queue.Writer.TryWrite(new Item(file, () => { }, _ => { }, Close: true));

    public void Complete() => queue.Writer.TryComplete();

    private void Run()
    {
        var items = new List<Item>();
        while (queue.Reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
        {
            // Everything waiting now was committed before this flush begins, so one flush covers it all.
            while (queue.Reader.TryRead(out var item))
            {
                items.Add(item);
            }

            var failures = new Dictionary<LogFile, Exception>();
            foreach (var file in items.Where(i => !i.Close).Select(i => i.File).Distinct())
            {
                try
                {
                    file.Flush();
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    failures[file] = new IOException($"{file.Path} could not be flushed to disk: {e.Message}", e);
                }
            }

            foreach (var item in items)
            {
                if (item.Close)
                {
                    item.File.Dispose();
                }
                else if (failures.TryGetValue(item.File, out var failure))
                {
                    item.Fail(failure);
                }
                else
                {
                    item.Deliver();
                }
            }

            items.Clear();
        }

        stopped.TrySetResult();
    }

    private sealed record Item(LogFile File, Action Deliver, Action<Exception> Fail, bool Close);
}
