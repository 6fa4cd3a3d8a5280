using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace RegioLab.Sim.Browser.Tests;

/// <summary>
/// The scenario studio in Debian's Chromium, keyboard first: fork a built-in, type an error and fix it from
/// the server's diagnostic, see the players' preview follow, run a balance report, publish, download, and
/// play the new version to its end on a phone with bots in the other seats.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class StudioTests(BrowserFixture browser)
{
    [Fact]
    public async Task An_author_forks_buurthuis_fixes_an_error_runs_a_balance_report_publishes_and_plays_it_against_bots_to_the_end()
    {
        var page = await browser.NewPageAsync(1280, 900);
        var blocked = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
            {
                blocked.Add(message.Text);
            }
        };
        await page.GotoAsync("/studio");
        await Assertions.Expect(page).ToHaveTitleAsync(new Regex("^Studio"));
        var status = page.GetByTestId("studio-status");
        var report = page.GetByTestId("studio-report");

        // Without a draft in this browser, the first built-in opens; any other opens read-only too, with its preview beside it.
        await Assertions.Expect(status).ToContainTextAsync("alleen lezen");
        await Assertions.Expect(report).ToContainTextAsync("Geen problemen");
        await page.GetByLabel("Bibliotheek").SelectOptionAsync(new SelectOptionValue { Value = "buurthuis@2" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Openen" }).ClickAsync();
        await Assertions.Expect(status).ToContainTextAsync("alleen lezen");
        var alderman = page.Locator("#preview-nl-role-alderman");
        await Assertions.Expect(alderman).ToHaveTextAsync("Wethouder Financiën en Wijken");
        await Assertions.Expect(page.Locator("#preview-en-role-alderman")).ToHaveTextAsync("Alderman for Finance and Neighbourhoods");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Publiceren" })).ToBeDisabledAsync();

        var id = $"studio_{Guid.NewGuid():N}"[..20];
        await page.GetByLabel("Id van de kopie").FillAsync(id);
        await page.GetByRole(AriaRole.Button, new() { Name = "Kopie maken" }).ClickAsync();
        await Assertions.Expect(status).ToHaveTextAsync($"Kopie {id} gemaakt: je kunt hem nu bewerken.");
        await Assertions.Expect(report).ToContainTextAsync("Geen problemen");

        // A decimal comma in the first metric's start (line 35 of buurthuis.yaml): the server's diagnostic underlines it there.
        await ReplaceAsync(page, "start: 16", "start: 16,5");
        var marked = page.Locator(".cm-line", new() { Has = page.Locator(".cm-lintRange-error") });
        await Assertions.Expect(marked).ToHaveCountAsync(1);
        await Assertions.Expect(marked).ToHaveTextAsync("    start: 16,5");
        await Assertions.Expect(page.Locator(".cm-gutter-lint .cm-gutterElement", new() { Has = page.Locator(".cm-lint-marker-error") })).ToHaveCountAsync(1);
        await Assertions.Expect(report).ToContainTextAsync("1 fout");

        // The quick fix, from the list of problems (Ctrl-Shift-M), writes the server's suggestion.
        await page.Keyboard.PressAsync("Control+Shift+M");
        await page.Locator(".cm-panel-lint").GetByRole(AriaRole.Button, new() { Name = "Vervang door 16.5" }).ClickAsync();
        await Assertions.Expect(page.Locator(".cm-line", new() { HasText = "start: 16.5" })).ToHaveCountAsync(1);
        await Assertions.Expect(marked).ToHaveCountAsync(0);
        await Assertions.Expect(report).ToContainTextAsync("Geen problemen");

        // Completion offers the file's own role ids after role: (Enter takes the one chosen).
        await ReplaceAsync(page, "role: alderman", "role: alder");
        var completion = page.Locator(".cm-tooltip-autocomplete");
        await Assertions.Expect(completion.GetByRole(AriaRole.Option)).ToHaveTextAsync(new Regex("^alderman"));
        // CodeMirror ignores Enter for 75 ms after the list opens (its interactionDelay, against accepting by accident):
        // a quick machine sees the list and presses Enter inside that time and gets a new line instead.
        await page.WaitForTimeoutAsync(250);
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(completion).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator(".cm-activeLine")).ToHaveTextAsync("    role: alderman");

        // Renaming the role changes its card in the preview, in both languages.
        await ReplaceAsync(page, "Wethouder Financiën en Wijken", "Wethouder Studio");
        await ReplaceAsync(page, "Alderman for Finance and Neighbourhoods", "Alderman Studio");
        await Assertions.Expect(alderman).ToHaveTextAsync("Wethouder Studio");
        await Assertions.Expect(page.Locator("#preview-en-role-alderman")).ToHaveTextAsync("Alderman Studio");

        await page.GetByRole(AriaRole.Button, new() { Name = "Publiceren" }).ClickAsync();
        await Assertions.Expect(status).ToHaveTextAsync($"Gepubliceerd: {id}, versie 1.");
        var stored = await page.APIRequest.GetAsync($"/api/scenarios/{id}/1.yaml");
        var source = await stored.TextAsync();
        Assert.Contains("    start: 16.5\n", source, StringComparison.Ordinal);
        Assert.Contains("Wethouder Studio", source, StringComparison.Ordinal);

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "YAML downloaden" }).ClickAsync());
        Assert.Equal($"{id}.yaml", download.SuggestedFilename);
        Assert.Equal(source, await File.ReadAllTextAsync((await download.PathAsync())!));

        // The outline puts the cursor on a dilemma.
        var firstDilemma = page.Locator(".studio-outline a", new() { HasText = "Dilemma" }).First;
        await firstDilemma.ClickAsync();
        await Assertions.Expect(page.Locator(".cm-activeLine")).ToContainTextAsync("- id:");

        await BrowserFixture.ShotAsync(page, "studio");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.Screenshots, "studio-window.png") });
        // Narrower, the columns stack and the preview no longer scrolls on its own: its cards for the test output.
        await page.SetViewportSizeAsync(1100, 900);
        await page.Locator("section.role-card", new() { Has = alderman }).ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.Screenshots, "studio-role-card.png") });
        await page.Locator(".studio-phone .studio-phase").First.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.Screenshots, "studio-phase.png") });
        await page.Locator(".studio-phone .dilemma").First.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.Screenshots, "studio-dilemma.png") });
        await page.SetViewportSizeAsync(1280, 900);

        await RunBalanceReportAsync(page);

        // Play it: the console opens in a new tab with the published version; the author joins its one table.
        var console = await page.Context.RunAndWaitForPageAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Speel het" }).ClickAsync());
        await Assertions.Expect(console).ToHaveURLAsync(new Regex("/facilitator/[0-9a-f]{32}$"));
        var joinLink = page.GetByTestId("studio-join-link");
        await Assertions.Expect(joinLink).ToHaveTextAsync(new Regex("^Deelpagina \\(nieuw tabblad\\): [A-Z2-9]{6}$"));
        var code = (await joinLink.InnerTextAsync())[^6..];
        await Assertions.Expect(console.Locator(".poster__code")).ToHaveTextAsync(code);
        await Assertions.Expect(console.GetByRole(AriaRole.Heading, new() { Name = $"Test {id} v1" })).ToBeVisibleAsync();
        var author = await browser.JoinAsync(code, "Auteur");
        await Assertions.Expect(console.GetByText("Auteur").First).ToBeVisibleAsync();
        await PlayToTheEndAsync(console, author);

        // Play it again with nothing changed: the same version is played, not a new one.
        var again = await page.Context.RunAndWaitForPageAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Speel het" }).ClickAsync());
        await Assertions.Expect(again).ToHaveURLAsync(new Regex("/facilitator/[0-9a-f]{32}$"));
        var library = await (await page.APIRequest.GetAsync("/api/scenarios")).JsonAsync();
        Assert.Single(library!.Value.EnumerateArray(), e => e.GetProperty("id").GetString() == id);
        Assert.Empty(blocked);
    }

    /// <summary>
    /// In the Balans tab, bots play the edited scenario 10 times per kind of bot at 3 players; the progress goes,
    /// and the warnings, a row per bot and per role, and the score histogram are there.
    /// </summary>
    private static async Task RunBalanceReportAsync(IPage page)
    {
        await page.GetByRole(AriaRole.Tab, new() { Name = "Balans" }).ClickAsync();
        var panel = page.GetByRole(AriaRole.Tabpanel, new() { Name = "Balans" });
        await Assertions.Expect(panel.GetByRole(AriaRole.Heading, new() { Name = "Balansrapport" })).ToBeVisibleAsync();
        await panel.GetByLabel("Spellen per soort bot en aantal spelers").FillAsync("10");
        await panel.GetByRole(AriaRole.Textbox, new() { Name = "Aantal spelers (optioneel)", Exact = true }).FillAsync("3");
        await panel.GetByRole(AriaRole.Button, new() { Name = "Rapport maken" }).ClickAsync();

        // 30 games of the bots take a few seconds on a loaded machine; the progress bar goes when they are done.
        var report = panel.Locator(".balance__report");
        await Assertions.Expect(report).ToBeVisibleAsync(new() { Timeout = 120_000 });
        await Assertions.Expect(panel.Locator("progress")).ToHaveCountAsync(0);
        await Assertions.Expect(report.GetByRole(AriaRole.Heading, new() { NameRegex = WarningsHeading() })).ToBeVisibleAsync();
        await Assertions.Expect(report).ToContainTextAsync("Samenwerkingspremie");

        var bots = report.Locator("table", new() { Has = page.GetByRole(AriaRole.Columnheader, new() { Name = "Bots", Exact = true }) });
        await Assertions.Expect(bots.Locator("tbody th")).ToHaveTextAsync(["willekeurig", "hebzuchtig", "samenwerkend"]);
        var roles = report.Locator("table", new() { Has = page.GetByRole(AriaRole.Columnheader, new() { Name = "Rol", Exact = true }) });
        await Assertions.Expect(roles.Locator("tbody th")).ToHaveTextAsync(["alderman", "official", "resident", "coordinator"]);
        var histogram = report.GetByRole(AriaRole.Img, new() { NameRegex = HistogramSummary() });
        await Assertions.Expect(histogram.Locator("canvas")).ToBeVisibleAsync();
        Assert.True(await histogram.Locator("canvas").EvaluateAsync<bool>("c => c.width > 200 && c.height > 100"), "the score histogram has no size");

        await BrowserFixture.ShotAsync(page, "studio-balance");
        // The panel scrolls on its own: the window as the author sees it with the figures and the histogram in view.
        await report.GetByRole(AriaRole.Heading, new() { Name = "Rollen", Exact = true }).EvaluateAsync("h => h.scrollIntoView({ block: 'start' })");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.Screenshots, "studio-balance-window.png") });
        await panel.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.Screenshots, "studio-balance-panel.png") });
        await page.GetByRole(AriaRole.Tab, new() { Name = "Voorbeeld" }).ClickAsync();
    }

    /// <summary>
    /// The console fills the table's empty seats with bots and starts it; the author's phone acts when it can, votes on
    /// the dilemma and reflects at the role swap, while the console moves the phases on, until the phone shows its debrief.
    /// </summary>
    private static async Task PlayToTheEndAsync(IPage console, IPage author)
    {
        var table = console.GetByRole(AriaRole.Article, new() { Name = "Tafel 1" });
        await table.GetByRole(AriaRole.Button, new() { Name = "Lege plekken vullen met bots" }).ClickAsync();
        await Assertions.Expect(table.Locator(".console-seat__who", new() { HasTextString = "Bot: " })).Not.ToHaveCountAsync(0);
        await table.GetByRole(AriaRole.Button, new() { Name = "Starten", Exact = true }).ClickAsync();
        await Assertions.Expect(author.GetByText("Jouw rol").First).ToBeVisibleAsync();

        var stage = table.Locator(".table-card__stage");
        var phase = author.Locator(".status-strip__phase");
        var mine = author.GetByRole(AriaRole.Region, new() { Name = "Jouw nabespreking" });
        int acted = 0, voted = 0, reflected = 0;
        // Until the console says the game is over (the phone shows its own debrief from the briefing on, so it cannot tell).
        for (var i = 0; i < 40 && !(await stage.TextContentAsync() ?? "").Contains("Afgelopen", StringComparison.Ordinal); i++)
        {
            // The bots act too, and the console moves the phases on: a move that meets a changed table may be refused, and is sent again.
            await BrowserFixture.OpenActionsAsync(author);

            var doIt = author.Locator(".action button.button--primary:enabled", new() { HasTextString = "Doen" });
            if (await doIt.CountAsync() > 0
                && await SentAsync(author, () => doIt.First.ClickAsync(), author.Locator(".feedback--done").GetByText("Gedaan.")))
            {
                acted++;
            }

            // An open vote is a radio group: pick the first option, then send it ("Stem hierop: …").
            var now = author.Locator(".now");
            var send = now.GetByRole(AriaRole.Button, new() { NameRegex = VoteButton() });
            if (await send.CountAsync() > 0 && await SentAsync(author, async () =>
            {
                await now.GetByRole(AriaRole.Radio).First.CheckAsync();
                await send.First.ClickAsync();
            }, author.Locator(".option__chosen")))
            {
                voted++;
            }

            var word = author.GetByLabel("Eén woord: hoe voelde deze rol?");
            if (await word.IsVisibleAsync() && await SentAsync(author, async () =>
            {
                await word.FillAsync($"ronde{reflected + 1}");
                await author.GetByRole(AriaRole.Button, new() { Name = "Versturen", Exact = true }).ClickAsync();
            }, author.Locator(".feedback--done").GetByText("Dank je! Je antwoord is bewaard.")))
            {
                reflected++;
            }

            // The facilitator moves on; the next look at the phone waits until it shows the new phase (or the end).
            var before = await stage.TextContentAsync() ?? "";
            var was = await phase.First.TextContentAsync() ?? "";
            await table.GetByRole(AriaRole.Button, new() { Name = "Volgende fase" }).ClickAsync();
            await Assertions.Expect(stage).Not.ToHaveTextAsync(before);
            await Assertions.Expect(phase.First).Not.ToHaveTextAsync(was);
        }

        await Assertions.Expect(mine).ToBeVisibleAsync();
        Assert.True(acted > 0 && voted > 0 && reflected > 0, $"the author acted {acted}, voted {voted} and reflected {reflected} times");
        await Assertions.Expect(mine.Locator("tbody tr")).ToHaveCountAsync(4);
        await BrowserFixture.ShotAsync(author, "studio-played-debrief");
    }

    /// <summary>Sends with <paramref name="send"/> until <paramref name="done"/> shows, at most three times; false if every try was refused.</summary>
    private static async Task<bool> SentAsync(IPage author, Func<Task> send, ILocator done)
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            await send();
            await Assertions.Expect(done.Or(author.Locator(".feedback--refused")).First).ToBeVisibleAsync();
            if (await done.CountAsync() > 0)
            {
                return true;
            }
        }

        return false;
    }

    [GeneratedRegex(@"^(Geen waarschuwingen|\d+ waarschuwingen?)$")]
    private static partial Regex WarningsHeading();

    [GeneratedRegex("^Histogram van de gemeenschapsscore per soort bot")]
    private static partial Regex HistogramSummary();

    [GeneratedRegex("^Stem hierop")]
    private static partial Regex VoteButton();

    /// <summary>Finds <paramref name="text"/> with the editor's search (Ctrl-F) and types <paramref name="replacement"/> over it.</summary>
    private static async Task ReplaceAsync(IPage page, string text, string replacement)
    {
        await page.Locator(".cm-content").FocusAsync();
        await page.Keyboard.PressAsync("Control+Home");
        await page.Keyboard.PressAsync("Control+F");
        var search = page.Locator(".cm-search input[name=search]");
        await search.FillAsync(text);
        // The search panel takes its query on a key's release (as when typed), then Enter selects the next match.
        await search.PressAsync("End");
        await search.PressAsync("Enter");
        await page.Keyboard.PressAsync("Escape");
        await page.Keyboard.TypeAsync(replacement);
    }
}
