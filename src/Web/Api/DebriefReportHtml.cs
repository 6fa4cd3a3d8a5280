using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using RegioLab.Sim.Contracts;
using RegioLab.Sim.Scenarios.Model;
using RegioLab.Sim.Scenarios.Replay;
using RegioLab.Sim.Scenarios.Rules;
using RegioLab.Sim.Web.Live;

namespace RegioLab.Sim.Web.Api;

/// <summary>
/// <c>GET /api/workshops/{id}/report.html</c> (docs/export.md): the debrief as one self-contained printable
/// page — its own print CSS, the curves as inline SVG, no script — so the file can be kept, mailed and
/// printed to PDF anywhere. Everything a player typed is HTML-encoded.
/// </summary>
public static class DebriefReportHtml
{
    public static IEndpointRouteBuilder MapDebriefReport(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/workshops/{workshopId}/report.html", ReportAsync);
        return app;
    }

    private static async Task<Results<ContentHttpResult, JsonHttpResult<ApiError>>> ReportAsync(
        string workshopId, HttpContext http, IGrainFactory grains, RulesCatalog catalog)
    {
        var (info, refusal) = await ObserverAuth.FacilitatorAsync(workshopId, http, grains);
        if (info is null)
        {
            return refusal!;
        }

        var rules = await catalog.GetAsync(info.Scenario, info.Rotation);
        var tables = await DebriefEndpoints.ReplaysAsync(grains, rules, info);

        // The page's one inline style is allowed by its hash, and nothing else runs or loads: a saved copy is as inert.
        http.Response.Headers.ContentSecurityPolicy = Policy;
        http.Response.Headers.ContentDisposition = $"inline; filename=\"regiolab-{info.JoinCode.ToLowerInvariant()}-{info.CreatedAt:yyyy-MM-dd}.html\"";
        return TypedResults.Content(Render(info, rules.Scenario, tables), "text/html; charset=utf-8");
    }

    /// <summary>The report's HTML for a workshop's tables, in the workshop's language.</summary>
    public static string Render(WorkshopInfo info, Scenario scenario, IReadOnlyList<(int Table, TableReplay Replay)> tables)
    {
        var words = new Words(info.Language);
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"""
            <!doctype html>
            <html lang="{info.Language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{E(words.Report)} · {E(info.Title)}</title>
            <style>{Css}</style></head><body><main>
            <header><p class="eyebrow">{E(words.Report)}</p><h1>{E(info.Title)}</h1>
            <p>{E(scenario.Title.In(info.Language))} · {info.CreatedAt:yyyy-MM-dd} · {words.Tables(tables.Count)}</p></header>
            """);
        foreach (var (number, replay) in tables)
        {
            Table(html, words, scenario, number, replay);
        }

        html.Append(CultureInfo.InvariantCulture, $"<section class=\"prompts\"><h2>{E(words.Prompts)}</h2>");
        foreach (var (stage, list) in new[] { (words.WhatHappened, scenario.Debrief.WhatHappened), (words.SoWhat, scenario.Debrief.SoWhat), (words.NowWhat, scenario.Debrief.NowWhat) })
        {
            if (list.Length > 0)
            {
                html.Append(CultureInfo.InvariantCulture, $"<h3>{E(stage)}</h3><ol>{string.Concat(list.Select(p => $"<li>{E(p.In(words.Language))}</li>"))}</ol>");
            }
        }

        html.Append("</section></main></body></html>");
        return html.ToString();
    }

    private static void Table(StringBuilder html, Words w, Scenario scenario, int number, TableReplay replay)
    {
        string Role(string? id) => id is null ? "–" : scenario.Roles.FirstOrDefault(r => r.Id == id)?.Name.In(w.Language) ?? id;
        string Name(int? seat) => seat is { } s && s >= 0 && s < replay.Final.Seats.Length ? replay.Final.Seats[s].Name : "–";
        string? PhaseLabel(string? id) => id is null ? null : scenario.Rounds.Phases.FirstOrDefault(p => p.Id == id)?.Label.In(w.Language) ?? id;
        string Action(string id) => scenario.Actions.FirstOrDefault(a => a.Id == id)?.Label.In(w.Language) ?? id;
        var rounds = replay.Seats.Select(s => s.Rounds.Length).DefaultIfEmpty(0).Max();

        html.Append(CultureInfo.InvariantCulture, $"""
            <section class="table" aria-labelledby="table-{number}"><h2 id="table-{number}">{E(w.Table(number))}</h2>
            <p class="score"><strong>{N(replay.Score.Total)}</strong> {E(w.Score)}</p>
            <h3>{E(w.Curves)}</h3><div class="curves">
            """);
        foreach (var metric in scenario.Metrics)
        {
            html.Append(Curve(metric, replay, w.Language));
        }

        html.Append(CultureInfo.InvariantCulture, $"</div><h3>{E(w.RoleGrid)}</h3><table><thead><tr><th scope=\"col\">{E(w.Seat)}</th>");
        for (var r = 1; r <= rounds; r++)
        {
            html.Append(CultureInfo.InvariantCulture, $"<th scope=\"col\">{E(w.Round(r))}</th>");
        }

        html.Append(CultureInfo.InvariantCulture, $"<th scope=\"col\">{E(w.Points)}</th></tr></thead><tbody>");
        foreach (var seat in replay.Seats)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><th scope=\"row\">{E(seat.Name)}</th>");
            html.Append(string.Concat(seat.Rounds.Select(r => $"<td>{E(Role(r.Role))} ({r.Points})</td>")));
            html.Append(CultureInfo.InvariantCulture, $"<td>{seat.Points}</td></tr>");
        }

        html.Append(CultureInfo.InvariantCulture, $"</tbody></table><h3>{E(w.Decisions)}</h3>");
        var decisions = replay.Timeline.Where(m => m.Kind == "action_taken" && replay.Log[(int)m.Version - 1].Event is ActionTaken)
            .Select(m => (m.Version, m.Round, Who: $"{Name(m.Seat)} ({Role(m.Role)})", What: Action(((ActionTaken)replay.Log[(int)m.Version - 1].Event).Action), Outcome: w.Done))
            .Concat(replay.Proposals.Select(p => (p.Version, p.Round, Who: $"{Name(p.Seat)} ({Role(p.Role)})", What: $"{Action(p.Action)} → {Role(p.To)}",
                Outcome: p.Outcome?.ToString().ToLowerInvariant() ?? w.Open)))
            .Concat(replay.Ballots.Select(b => (b.Version, b.Round, Who: $"{Name(b.CalledBy)} ({Role(b.CalledByRole)})", What: $"{w.Vote}: {b.SubjectId}",
                Outcome: $"{b.Outcome ?? (b.ClosedAt is null ? w.Open : w.NotCarried)} {string.Join(", ", (b.Tally ?? []).OrderBy(x => x.Key, StringComparer.Ordinal).Select(x => $"{x.Key} {x.Value}"))}")))
            .Concat(replay.Dilemmas.Select(d => (d.Version, d.Round, Who: d.Seat is null ? (d.DecidedBy ?? "–") : $"{Name(d.Seat)} ({Role(d.Role)})",
                What: scenario.Dilemmas.FirstOrDefault(x => x.Id == d.Dilemma)?.Title.In(w.Language) ?? d.Dilemma, Outcome: d.Option ?? w.Open)))
            .OrderBy(d => d.Version)
            .ToList();
        Rows(html, [w.RoundColumn, w.Who, w.What, w.Outcome], decisions.Select(d => new[] { d.Round.ToString(CultureInfo.InvariantCulture), d.Who, d.What, d.Outcome }), w.None);

        html.Append(CultureInfo.InvariantCulture, $"<h3>{E(w.Reflections)}</h3>");
        Rows(html, [w.RoundColumn, w.Who, w.Word, w.Sentence],
            replay.Reflections.Select(r => new[] { r.Round.ToString(CultureInfo.InvariantCulture), $"{Name(r.Seat)} ({Role(r.Role)})", r.Word, r.Text }), w.None);
        html.Append(CultureInfo.InvariantCulture, $"<h3>{E(w.HandoverNotes)}</h3>");
        Rows(html, [w.RoundColumn, w.Who, w.Note],
            replay.HandoverNotes.Select(n => new[] { n.Round.ToString(CultureInfo.InvariantCulture), $"{Name(n.Seat)} ({Role(n.Role)})", n.Text }), w.None);
        html.Append(CultureInfo.InvariantCulture, $"<h3>{E(w.PinnedNotes)}</h3>");
        Rows(html, [w.RoundColumn, w.Who, w.Note],
            replay.PinnedNotes.Select(n => new[] { $"{n.Round}{(PhaseLabel(n.Phase) is { } phase ? $" · {phase}" : "")}", n.Author == NoteAuthors.Observer ? w.Observer : w.Facilitator, n.Text }), w.None);
        html.Append("</section>");
    }

    private static void Rows(StringBuilder html, string[] header, IEnumerable<string[]> rows, string none)
    {
        var list = rows.ToList();
        if (list.Count == 0)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p class=\"muted\">{E(none)}</p>");
            return;
        }

        html.Append("<table><thead><tr>").Append(string.Concat(header.Select(h => $"<th scope=\"col\">{E(h)}</th>"))).Append("</tr></thead><tbody>");
        foreach (var row in list)
        {
            html.Append("<tr>").Append(string.Concat(row.Select(c => $"<td>{E(c)}</td>"))).Append("</tr>");
        }

        html.Append("</tbody></table>");
    }

    /// <summary>A metric's value at the start and at the end of every round, as a small SVG line chart with its labels.</summary>
    private static string Curve(Metric metric, TableReplay replay, string language)
    {
        const double width = 300, height = 120, left = 40, right = 10, top = 10, bottom = 24;
        var points = replay.Series.Where(p => p.EndOfRound).Select(p => (p.Round, Value: p.Values[metric.Id])).ToList();
        var last = Math.Max(1, points.Select(p => p.Round).DefaultIfEmpty(1).Max());
        var span = metric.Max - metric.Min == 0 ? 1 : metric.Max - metric.Min;
        string X(int round) => N(left + (width - left - right) * round / last);
        string Y(double value) => N(top + (height - top - bottom) * (1 - (value - metric.Min) / span));
        var line = string.Join(' ', points.Select(p => $"{X(p.Round)},{Y(p.Value)}"));
        var label = metric.Label.In(language);
        var summary = points.Count == 0 ? label : $"{label}: {string.Join(", ", points.Select(p => N(p.Value)))}";
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<figure><figcaption>{E(label)}</figcaption><svg viewBox=\"0 0 {width} {height}\" role=\"img\" aria-label=\"{E(summary)}\">");
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{left}\" y1=\"{height - bottom}\" x2=\"{width - right}\" y2=\"{height - bottom}\" class=\"axis\"/>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{left - 4}\" y=\"{Y(metric.Max)}\" class=\"tick\" text-anchor=\"end\">{N(metric.Max)}</text><text x=\"{left - 4}\" y=\"{Y(metric.Min)}\" class=\"tick\" text-anchor=\"end\">{N(metric.Min)}</text>");
        for (var r = 0; r <= last; r++)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{X(r)}\" y=\"{height - 6}\" class=\"tick\" text-anchor=\"middle\">{r}</text>");
        }

        svg.Append(CultureInfo.InvariantCulture, $"<polyline points=\"{line}\" class=\"line\"/>");
        svg.Append(string.Concat(points.Select(p => $"<circle cx=\"{X(p.Round)}\" cy=\"{Y(p.Value)}\" r=\"3\"/>")));
        return svg.Append("</svg></figure>").ToString();
    }

    private static readonly string Policy =
        $"default-src 'none'; style-src 'sha256-{Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(Css)))}'; "
        + "img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private static string N(double value) => Math.Round(value, 2).ToString("0.##", CultureInfo.InvariantCulture);

    private const string Css = """
        body{font:11pt/1.45 system-ui,sans-serif;color:#17241f;margin:0}main{max-width:60rem;margin:0 auto;padding:1.5rem}
        h1{font-size:1.8rem;margin:.2rem 0}h2{font-size:1.4rem;border-bottom:2px solid #0b5d45;padding-bottom:.2rem}h3{font-size:1.1rem;margin:1.2rem 0 .4rem}
        .eyebrow{text-transform:uppercase;letter-spacing:.05em;color:#3d5249;margin:0}.muted{color:#3d5249}.score strong{font-size:1.6rem}
        table{border-collapse:collapse;width:100%;margin:.4rem 0}th,td{border:1px solid #cfd8d2;padding:.25rem .4rem;text-align:left;vertical-align:top}
        thead th{background:#eef3f0}.curves{display:grid;grid-template-columns:repeat(auto-fill,minmax(15rem,1fr));gap:.8rem}
        figure{margin:0}figcaption{font-weight:600}svg{width:100%;height:auto}.axis{stroke:#3d5249}.line{fill:none;stroke:#0b5d45;stroke-width:2}
        circle{fill:#0b5d45}.tick{font-size:10px;fill:#3d5249}
        @media print{main{max-width:none;padding:0}section.table{break-before:page}tr,figure{break-inside:avoid}h2,h3{break-after:avoid}@page{margin:15mm}}
        """;

    /// <summary>The report's own words in the workshop's language.</summary>
    private sealed record Words(string Language)
    {
        private bool En => Language == "en";

        public string Report => En ? "Debrief report" : "Verslag van de nabespreking";

        public string Score => En ? "table score" : "tafelscore";

        public string Curves => En ? "Metrics per round" : "Indicatoren per ronde";

        public string RoleGrid => En ? "Who held which role" : "Wie had welke rol";

        public string Seat => En ? "Player" : "Speler";

        public string Points => En ? "Points" : "Punten";

        public string Decisions => En ? "Decisions" : "Besluiten";

        public string Who => En ? "Who" : "Wie";

        public string What => En ? "What" : "Wat";

        public string Outcome => En ? "Outcome" : "Uitkomst";

        public string Done => En ? "done" : "gedaan";

        public string Open => En ? "open" : "open";

        public string NotCarried => En ? "not carried" : "verworpen";

        public string Vote => En ? "vote" : "stemming";

        public string Reflections => En ? "Reflections" : "Reflecties";

        public string Word => En ? "Word" : "Woord";

        public string Sentence => En ? "Sentence" : "Zin";

        public string HandoverNotes => En ? "Handover notes" : "Overdrachtsnotities";

        public string PinnedNotes => En ? "Pinned notes (facilitator and observers)" : "Vastgezette notities (begeleider en waarnemers)";

        public string Note => En ? "Note" : "Notitie";

        public string Observer => En ? "observer" : "waarnemer";

        public string Facilitator => En ? "facilitator" : "begeleider";

        public string None => En ? "None." : "Geen.";

        public string Prompts => En ? "Debrief prompts" : "Vragen voor de nabespreking";

        public string WhatHappened => En ? "What happened" : "Wat gebeurde er";

        public string SoWhat => En ? "So what" : "Wat betekent dat";

        public string NowWhat => En ? "Now what" : "Wat nu";

        public string Table(int n) => En ? $"Table {n}" : $"Tafel {n}";

        public string Tables(int n) => En ? $"{n} table{(n == 1 ? "" : "s")}" : $"{n} tafel{(n == 1 ? "" : "s")}";

        public string Round(int n) => En ? $"Round {n}" : $"Ronde {n}";

        public string RoundColumn => En ? "Round" : "Ronde";
    }
}
