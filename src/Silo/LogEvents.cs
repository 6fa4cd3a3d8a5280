using Microsoft.Extensions.Logging;

namespace RegioLab.Sim.Silo;

/// <summary>
/// The stable event ids of the log lines an operator alerts on (docs/operations.md, "Logs"). A number
/// never changes meaning once shipped; add new ones at the end of their block. Blocks: 1xxx the
/// store, 2xxx a table, 3xxx a workshop, 4xxx the hubs, 5xxx privacy.
/// </summary>
public static class LogEvents
{
    public static readonly EventId RetentionErased = new(1001, nameof(RetentionErased));
    public static readonly EventId RetentionFailed = new(1002, nameof(RetentionFailed));

    public static readonly EventId TableStoreOutcomeUnknown = new(2001, nameof(TableStoreOutcomeUnknown));
    public static readonly EventId TableStoreUnavailable = new(2002, nameof(TableStoreUnavailable));
    public static readonly EventId TableLogMoved = new(2003, nameof(TableLogMoved));
    public static readonly EventId TableLogUnreadable = new(2004, nameof(TableLogUnreadable));
    public static readonly EventId TablePresenceNotLogged = new(2005, nameof(TablePresenceNotLogged));
    public static readonly EventId TableTimerRefused = new(2006, nameof(TableTimerRefused));
    public static readonly EventId TableSubscriberDropped = new(2007, nameof(TableSubscriberDropped));

    public static readonly EventId WorkshopSaveFailed = new(3001, nameof(WorkshopSaveFailed));
    public static readonly EventId WorkshopSaveUnknown = new(3002, nameof(WorkshopSaveUnknown));
    public static readonly EventId WorkshopErased = new(3003, nameof(WorkshopErased));
    public static readonly EventId WorkshopGrainNotReleased = new(3004, nameof(WorkshopGrainNotReleased));
    public static readonly EventId WorkshopSeatNotGivenUp = new(3005, nameof(WorkshopSeatNotGivenUp));
    public static readonly EventId WorkshopSeatStuck = new(3006, nameof(WorkshopSeatStuck));

    public static readonly EventId HubCommandUndelivered = new(4001, nameof(HubCommandUndelivered));
    public static readonly EventId ConsoleCommandUndelivered = new(4002, nameof(ConsoleCommandUndelivered));
    public static readonly EventId ConsoleKeyRotated = new(4003, nameof(ConsoleKeyRotated));
    public static readonly EventId ApiClusterFault = new(4004, nameof(ApiClusterFault));

    public static readonly EventId WorkshopDeleteFailed = new(5001, nameof(WorkshopDeleteFailed));
    public static readonly EventId KeyRotationFailed = new(5002, nameof(KeyRotationFailed));
    public static readonly EventId KeyRotated = new(5003, nameof(KeyRotated));
}
