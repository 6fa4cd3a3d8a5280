using System.Text.Json;
using System.Text.Json.Nodes;

namespace RegioLab.Sim.Web.Tests;

/// <summary>
/// A bot that plays from exactly what a player's page receives (its seat view), not from the
/// server's state: decide the dilemma, vote, accept proposals, act up to twice a phase, and
/// write a note and a reflection at the role swap.
/// </summary>
internal sealed class ViewBot
{
    private readonly HashSet<string> done = [];

    public JsonObject? Choose(JsonElement view)
    {
        var flow = view.GetProperty("flow");
        var stage = flow.GetProperty("stage").GetString();
        var moment = $"{flow.GetProperty("round").GetInt32()}:{flow.GetProperty("phase").GetInt32()}";
        if (flow.GetProperty("paused").GetBoolean())
        {
            return null;
        }

        if (stage == "role_swap" && view.GetProperty("role").ValueKind == JsonValueKind.Object)
        {
            if (done.Add($"note:{moment}"))
            {
                return Json.Command("write_handover_note", new { text = "Let op het budget." });
            }

            if (done.Add($"reflect:{moment}"))
            {
                return Json.Command("reflect", new { word = "leerzaam", text = "" });
            }
        }

        if (stage != "playing")
        {
            return null;
        }

        if (view.GetProperty("dilemma") is { ValueKind: JsonValueKind.Object } dilemma && dilemma.GetProperty("mineToDecide").GetBoolean())
        {
            return Json.Command("resolve_dilemma", new { option = dilemma.GetProperty("options")[0].GetProperty("id").GetString() });
        }

        if (view.GetProperty("ballot") is { ValueKind: JsonValueKind.Object } ballot && ballot.GetProperty("myVote").ValueKind == JsonValueKind.Null)
        {
            return Json.Command("cast_vote", new { ballot = ballot.GetProperty("id").GetInt32(), option = ballot.GetProperty("options")[0].GetString() });
        }

        foreach (var proposal in view.GetProperty("proposals").EnumerateArray().Where(p => p.GetProperty("mineToAnswer").GetBoolean()))
        {
            return Json.Command("answer_proposal", new { proposal = proposal.GetProperty("id").GetInt32(), answer = "accept", note = "" });
        }

        foreach (var action in view.GetProperty("actions").EnumerateArray().Where(a => a.GetProperty("available").GetBoolean()))
        {
            if (done.Add($"act:{moment}:{action.GetProperty("id").GetString()}"))
            {
                return Json.Command("act", new { action = action.GetProperty("id").GetString(), note = "" });
            }
        }

        return null;
    }
}
