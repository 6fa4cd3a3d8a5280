using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace RegioLab.Sim.Browser.Tests;

/// <summary>
/// The scenario studio in Debian's Chromium, keyboard first: fork a built-in, type an error and fix it from
/// the server's diagnostic, see the players' preview follow, publish, download, and play the new version.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class StudioTests(BrowserFixture browser)
{
    [Fact]
    public async Task An_author_forks_buurthuis_fixes_an_error_sees_the_role_card_change_publishes_and_joins_a_test_workshop()
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

        // Play it: the console opens in a new tab with the published version; the author joins its one table.
        var console = await page.Context.RunAndWaitForPageAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Speel het" }).ClickAsync());
        await Assertions.Expect(console).ToHaveURLAsync(new Regex("/facilitator/[0-9a-f]{32}$"));
        var joinLink = page.GetByTestId("studio-join-link");
        await Assertions.Expect(joinLink).ToHaveTextAsync(new Regex("^Deelpagina \\(nieuw tabblad\\): [A-Z2-9]{6}$"));
        var code = (await joinLink.InnerTextAsync())[^6..];
        await Assertions.Expect(console.Locator(".poster__code")).ToHaveTextAsync(code);
        await Assertions.Expect(console.GetByRole(AriaRole.Heading, new() { Name = $"Test {id} v1" })).ToBeVisibleAsync();
        await browser.JoinAsync(code, "Auteur");
        await Assertions.Expect(console.GetByText("Auteur").First).ToBeVisibleAsync();

        // Play it again with nothing changed: the same version is played, not a new one.
        var again = await page.Context.RunAndWaitForPageAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Speel het" }).ClickAsync());
        await Assertions.Expect(again).ToHaveURLAsync(new Regex("/facilitator/[0-9a-f]{32}$"));
        var library = await (await page.APIRequest.GetAsync("/api/scenarios")).JsonAsync();
        Assert.Single(library!.Value.EnumerateArray(), e => e.GetProperty("id").GetString() == id);
        Assert.Empty(blocked);
    }

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
