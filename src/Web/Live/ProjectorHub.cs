using Microsoft.AspNetCore.SignalR;
using RegioLab.Sim.Web.Api;

namespace RegioLab.Sim.Web.Live;

/// <summary>A projector: read-only, public state only. It has no method that changes anything.</summary>
public sealed class ProjectorHub(IGrainFactory grains, TableFeed feed, LivePush push, Attendance attendance, JoinLinks links, JoinCodeGuard guard) : Hub<IProjectorClient>
{
    /// <summary>Starts watching the workshop of a join code and pushes every table.</summary>
    public async Task<ProjectorSession> Watch(string joinCode)
    {
        // The same guard as the join page: a projector is no way to guess codes.
        var (info, refusal) = await WorkshopEndpoints.FindAsync(joinCode, grains, guard, Context.GetHttpContext());
        if (info is null)
        {
            return ProjectorSession.Refused(refusal!);
        }

        var any = await push.EnterWorkshopAsync(Context.ConnectionId, Groups, new Attendance.AtProjector(info.WorkshopId), info.Sessions, feed);

        return new ProjectorSession(true, null, null, null, info.Title, info.JoinCode, links.JoinUrl(Context.GetHttpContext(), info.JoinCode), info.Sessions.Length, info.Language,
            any is null ? null : ScenarioInfo.Of(any.Rules));
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        attendance.Leave(Context.ConnectionId);
        return base.OnDisconnectedAsync(exception);
    }
}
