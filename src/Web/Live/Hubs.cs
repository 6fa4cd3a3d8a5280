using RegioLab.Sim.Contracts;

namespace RegioLab.Sim.Web.Live;

/// <summary>What the server calls on a player's page.</summary>
public interface IPlayerClient
{
    /// <summary>My view and the round's story, after every change at my table.</summary>
    Task Update(PlayerUpdate update);

    /// <summary>The facilitator moved me to this table: call Resume again (the page says where it went).</summary>
    Task Moved(int table);
}

/// <summary>What the server calls on the facilitator's console.</summary>
public interface IFacilitatorClient
{
    Task Workshop(WorkshopInfo workshop);

    /// <summary>A table: a <see cref="FacilitatorTable"/>, whole or only what changed since this console was sent last.</summary>
    Task Table(ViewJson table);

    /// <summary>The workshop's facilitator key was replaced: this console refuses commands until it is opened with the new key.</summary>
    Task KeyRotated();
}

/// <summary>What the server calls on a projector.</summary>
public interface IProjectorClient
{
    Task Table(ProjectorTable table);

    /// <summary>
    /// The facilitator chose something else for the room (debrief mode): ask <c>GET /api/projector/{code}/show</c> now.
    /// Sent to this host's projectors of the workshop; a projector on another web host finds it by asking anyway.
    /// </summary>
    Task ShowChanged();
}
