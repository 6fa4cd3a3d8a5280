using Microsoft.AspNetCore.SignalR;
using RegioLab.Sim.Contracts;
using RegioLab.Sim.Scenarios.Rules;

namespace RegioLab.Sim.Web.Live;

/// <summary>A projector: read-only, public state only. It has no method that changes anything.</summary>
public sealed class ProjectorHub(IGrainFactory grains, SessionFeed feed, LivePush push, Attendance attendance, JoinLinks links) : Hub<IProjectorClient>
{
    /// <summary>Starts watching the workshop of a join code and pushes every table.</summary>
    public async Task<ProjectorSession> Watch(string joinCode)
    {
        if (JoinCodes.Normalize(joinCode) is not { } code
            || await grains.GetGrain<IJoinCodeGrain>(code).GetWorkshopAsync() is not { } workshopId
            || await grains.GetGrain<IWorkshopGrain>(workshopId).GetAsync() is not { } info)
        {
            return ProjectorSession.Refused(Refusals.NoSuchWorkshop);
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
