using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RegioLab.Sim.Contracts;
using RegioLab.Sim.Silo.Grains;

namespace RegioLab.Sim.Silo.Storage;

/// <summary>How long workshops are kept (configuration section "Privacy"; docs/privacy.md).</summary>
public sealed class PrivacyOptions
{
    public const string Section = "Privacy";

    /// <summary>Workshops created more than this many days ago are erased; 0 (the default) keeps them.</summary>
    public int RetentionDays { get; set; }

    /// <summary>How often the silo looks for workshops past their time.</summary>
    public double SweepMinutes { get; set; } = 60;
}

/// <summary>
/// Erases the workshops older than <see cref="PrivacyOptions.RetentionDays"/>, through their grains
/// (<see cref="IWorkshopGrain.DeleteAsync"/>) so that no activation keeps serving what the store lost.
/// Every silo sweeps; two silos erasing the same workshop meet in its one grain, and the second finds
/// nothing left.
/// </summary>
/// <remarks>Takes the service provider, not the store, because the store's type is the silo's own (internal).</remarks>
public sealed class Retention(IServiceProvider services, IOptions<PrivacyOptions> options, TimeProvider time, ILogger<Retention> logger) : BackgroundService
{
    /// <summary>The first sweep waits for the silo to be up.</summary>
    private static readonly TimeSpan FirstSweep = TimeSpan.FromMinutes(1);

    /// <summary>Erases every workshop created before <paramref name="now"/> less the retention; returns their ids. Nothing when retention is off.</summary>
    public async Task<IReadOnlyList<string>> SweepAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        if (options.Value.RetentionDays <= 0)
        {
            return [];
        }

        var cutoff = now - TimeSpan.FromDays(options.Value.RetentionDays);
        var store = services.GetRequiredService<IErasableStore>();
        var grains = services.GetRequiredService<IGrainFactory>();
        var erased = new List<string>();
        foreach (var (id, document) in await store.ReadAllAsync(WorkshopGrain.Kind, cancellationToken))
        {
            var workshop = JsonSerializer.Deserialize<WorkshopGrain.WorkshopState>(document.Json, ContractSerialization.Json);
            if (workshop is not null && workshop.CreatedAt < cutoff && await grains.GetGrain<IWorkshopGrain>(id).DeleteAsync())
            {
                erased.Add(id);
            }
        }

        return erased;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.RetentionDays <= 0)
        {
            return;
        }

        var wait = FirstSweep;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(wait, time, stoppingToken);
                var erased = await SweepAsync(time.GetUtcNow(), stoppingToken);
                if (erased.Count > 0)
                {
                    logger.LogInformation(LogEvents.RetentionErased, "Retention: erased {Count} workshops older than {Days} days", erased.Count, options.Value.RetentionDays);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception error)
            {
                // A store or silo that is down now is tried again at the next sweep; nothing is half-erased.
                logger.LogWarning(LogEvents.RetentionFailed, error, "Retention: a sweep failed; trying again in {Minutes} minutes", options.Value.SweepMinutes);
            }

            wait = TimeSpan.FromMinutes(options.Value.SweepMinutes);
        }
    }
}
