using RegioLab.Sim.Contracts;
using RegioLab.Sim.Scenarios.Model;

namespace RegioLab.Sim.Web.Live;

/// <summary>What the server calls on a player's page.</summary>
public interface IPlayerClient
{
    /// <summary>My view and the round's story, after every change at my table.</summary>
    Task Update(PlayerUpdate update);

    /// <summary>The facilitator moved me to another table: call Resume again.</summary>
    Task Moved();
}

/// <summary>What the server calls on the facilitator's console.</summary>
public interface IFacilitatorClient
{
    Task Workshop(WorkshopInfo workshop);

    Task Table(FacilitatorTable table);
}

/// <summary>What the server calls on a projector.</summary>
public interface IProjectorClient
{
    Task Table(ProjectorTable table);
}

/// <summary>What the hubs themselves refuse with, before a command reaches a table.</summary>
internal static class HubRefusals
{
    public static readonly Text NotJoined = new("Je bent nog niet verbonden met je plek. Een ogenblik…", "You are not connected to your seat yet. One moment…");

    public static readonly Text NotForPlayers = new("Dat mag alleen de begeleider.", "Only the facilitator may do that.");

    public static readonly Text NotForConsole = new("Dat kan de console niet versturen.", "The console cannot send this command.");

    public static readonly Text NotOpen = new("De console is nog niet geopend.", "The console is not open yet.");

    public static readonly Text InvalidCommandId = new("Een opdracht heeft een id van 1 tot 60 tekens.", "A command needs an id of 1 to 60 characters.");

    public static readonly Text TooFast = new("Rustig aan: te veel opdrachten achter elkaar. Wacht even en probeer het opnieuw.", "Slow down: too many commands in a row. Wait a moment and try again.");

    public static readonly Text Unreachable = new("De tafel is even niet bereikbaar; probeer het opnieuw.", "The table could not be reached; try again.");
}
