using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace RegioLab.Sim.Browser.Tests;

/// <summary>
/// A player with the keyboard only, on a phone-sized page in Debian's Chromium: joins, acts in round 1,
/// votes on a dilemma, reflects at the role swap and switches the language — every control reached with
/// Tab, used with Enter, Space or the arrows, and the focus always visible and never dropped on the page's body.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class KeyboardTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_player_joins_acts_votes_and_reflects_with_the_keyboard_only()
    {
        var (console, code) = await browser.CreateWorkshopAsync();

        // Anna joins: Tab to her name, type it, Enter.
        var anna = await browser.NewPageAsync();
        await anna.GotoAsync($"/join/{code}");
        await TabToAsync(anna, "input", "Je naam");
        await anna.Keyboard.TypeAsync("Anna");
        await anna.Keyboard.PressAsync("Enter");
        await Assertions.Expect(anna).ToHaveURLAsync(new Regex($"/play/{code}$"));
        await Assertions.Expect(anna.GetByRole(AriaRole.Heading, new() { Name = "Welkom, Anna!" })).ToBeVisibleAsync();
        await AssertFocusKeptAsync(anna, "after joining");
        foreach (var name in new[] { "Bram", "Cor" })
        {
            await browser.JoinAsync(code, name);
        }

        var table = console.GetByRole(AriaRole.Article, new() { Name = "Tafel 1" });
        var stage = table.Locator(".table-card__stage");
        await table.GetByRole(AriaRole.Button, new() { Name = "Starten", Exact = true }).ClickAsync();
        await Assertions.Expect(stage).ToHaveTextAsync("Uitleg");
        await BrowserFixture.AdvanceAsync(table);
        await Assertions.Expect(anna.GetByRole(AriaRole.Heading, new() { Name = "Wat kun jij doen" })).ToBeVisibleAsync();

        // Round 1. A dilemma chance put on the table for her role comes first: she answers it by keyboard; then she
        // acts: Tab to an action ("Doen", opening the folded actions with Enter if they wait under the question), Enter.
        var answered = await AnswerByKeyboardAsync(anna);
        await TabToAsync(anna, "button", "Doen");
        await anna.Keyboard.PressAsync("Enter");
        await Assertions.Expect(anna.Locator(".feedback--done").GetByText("Gedaan.")).ToBeVisibleAsync();
        await AssertFocusKeptAsync(anna, "after acting");
        await Assertions.Expect(console.Locator(".story")).ToContainTextAsync("Anna als");

        // The next phases put "Beheer of eigendom?" to a vote (as RoomTests finds), unless chance's dilemma holds the table.
        for (var i = 0; i < 2 && !answered; i++)
        {
            await BrowserFixture.AdvanceAsync(table);
            answered = await AnswerByKeyboardAsync(anna);
        }

        Assert.True(answered, "Anna was asked nothing in round 1: no vote or decision to answer with the keyboard");

        // On to the role swap; Anna reflects in one word: Tab to the field, type, Tab to "Versturen", Enter.
        for (var i = 0; i < 6 && !(await stage.TextContentAsync() ?? "").StartsWith("Rolwissel", StringComparison.Ordinal); i++)
        {
            await BrowserFixture.AdvanceAsync(table);
        }

        await Assertions.Expect(stage).ToContainTextAsync("Rolwissel");
        await TabToAsync(anna, "input", "Eén woord: hoe voelde deze rol?");
        await anna.Keyboard.TypeAsync("gehoord");
        await TabToAsync(anna, "button", "Versturen");
        await anna.Keyboard.PressAsync("Enter");
        await Assertions.Expect(console.GetByText("gehoord")).ToBeVisibleAsync();
        await AssertFocusKeptAsync(anna, "after reflecting");

        // The language, by keyboard too.
        await TabToAsync(anna, "button", "English");
        await anna.Keyboard.PressAsync("Enter");
        await Assertions.Expect(anna.GetByText("Role swap").First).ToBeVisibleAsync();
        // What the page confirmed earlier follows the language too.
        await Assertions.Expect(anna.Locator(".feedback--done")).ToContainTextAsync("Thank you! Your answer is saved.");
        await BrowserFixture.ShotAsync(anna, "keyboard-phone-swap-en");
    }

    [Fact]
    public async Task A_facilitator_creates_a_workshop_and_runs_a_table_with_the_keyboard_only()
    {
        // The start page: Tab to the number of tables, type it, Tab on to "Werksessie maken", Enter.
        var console = await browser.NewPageAsync(1280, 800);
        await console.GotoAsync("/");
        await TabToAsync(console, "input", "Aantal tafels");
        await console.Keyboard.PressAsync("Control+A");
        await console.Keyboard.TypeAsync("2");
        await TabToAsync(console, "button", "Werksessie maken");
        await console.Keyboard.PressAsync("Enter");
        await Assertions.Expect(console.GetByText("Bewaar deze sleutel nu")).ToBeVisibleAsync();
        await AssertFocusKeptAsync(console, "after creating");
        await TabToAsync(console, "button", "Ik heb hem bewaard, naar de console");
        await console.Keyboard.PressAsync("Enter");
        var poster = console.Locator(".poster__code");
        await Assertions.Expect(poster).ToHaveTextAsync(new Regex("^[A-Z2-9]{6}$"));
        var code = (await poster.InnerTextAsync()).Trim();
        await browser.JoinAsync(code, "Anna");

        // Table 1 opened from the overview, filled with bots, started and moved on, by keyboard; the focus stays with the table each time.
        await TabToAsync(console, "button", "Tafel 1 openen");
        await console.Keyboard.PressAsync("Enter");
        var table = console.GetByRole(AriaRole.Article, new() { Name = "Tafel 1" });
        var stage = table.Locator(".table-card__stage");
        await Assertions.Expect(table).ToContainTextAsync("Anna");
        await TabToAsync(console, "button", "Lege plekken vullen met bots");
        await console.Keyboard.PressAsync("Enter");
        await Assertions.Expect(table.Locator(".console-seat__who")).ToHaveCountAsync(4);
        await AssertFocusKeptAsync(console, "after filling the seats");
        await TabToAsync(console, "button", "Starten");
        await console.Keyboard.PressAsync("Enter");
        await Assertions.Expect(stage).ToHaveTextAsync("Uitleg");
        await AssertFocusKeptAsync(console, "after starting");
        await TabToAsync(console, "button", "Volgende fase");
        await console.Keyboard.PressAsync("Enter");
        await Assertions.Expect(stage).ToContainTextAsync("Ronde 1 van");
        await AssertFocusKeptAsync(console, "after the next phase");
        // Enter again on the same button moves on again: the focus stayed on it.
        var first = await stage.TextContentAsync() ?? "";
        await console.Keyboard.PressAsync("Enter");
        await Assertions.Expect(stage).Not.ToHaveTextAsync(first);
    }

    /// <summary>
    /// Presses Tab until the focus is on a <paramref name="selector"/> whose accessible text (label, aria-label or
    /// text) contains <paramref name="name"/> (any, when null), and checks that every control on the way showed
    /// where the focus is (an outline from :focus-visible).
    /// </summary>
    private static async Task TabToAsync(IPage page, string selector, string? name)
    {
        var seen = new List<string>();
        for (var i = 0; i < 80; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            var here = await page.EvaluateAsync<string[]>("""
                ([selector, name]) => {
                  const f = document.activeElement;
                  if (!f || f === document.body) return ['', 'body', ''];
                  const label = [f.getAttribute('aria-label'), ...[...(f.labels ?? [])].map(l => l.textContent), f.textContent].filter(Boolean).join(' ');
                  const style = getComputedStyle(f);
                  const visible = f.matches(':focus-visible') && (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0 || style.boxShadow !== 'none');
                  const match = f.matches(selector) && (name === null || label.includes(name));
                  return [match ? 'yes' : 'no', f.tagName + ' ' + label.trim().slice(0, 60), visible ? 'visible' : 'hidden'];
                }
                """, new object?[] { selector, name });
            seen.Add(here[1]);
            if (here[1] == "body")
            {
                // Past the last control Tab leaves the page (the browser's own controls); the next comes back to the first.
                continue;
            }

            Assert.True(here[2] == "visible", $"the focus on '{here[1]}' is not visible (Tab {i + 1}); it went: {string.Join(" → ", seen)}");
            if (here[0] == "yes")
            {
                return;
            }

            // The actions folded under a question open with Enter on their heading, as a keyboard user does.
            if (await page.EvaluateAsync<bool>("() => !!document.activeElement?.matches('.actions-fold:not([open]) > summary')"))
            {
                await page.Keyboard.PressAsync("Enter");
            }
        }

        Assert.Fail($"Tab never reached {selector} '{name}'; it went: {string.Join(" → ", seen.TakeLast(20))}");
    }

    /// <summary>
    /// When the page asks a vote or a decision of this player: Tab to its options, the arrow picks the second,
    /// Tab to the send button ("Stem hierop …" or "Kies dit …"), Enter; the answer is confirmed and the focus kept.
    /// False when nothing is asked.
    /// </summary>
    private static async Task<bool> AnswerByKeyboardAsync(IPage page)
    {
        var radios = page.Locator(".now").GetByRole(AriaRole.Radio);
        await page.WaitForTimeoutAsync(300);
        if (await radios.CountAsync() == 0)
        {
            return false;
        }

        await TabToAsync(page, ".now input[type=radio]", null);
        await page.Keyboard.PressAsync("ArrowDown");
        await Assertions.Expect(radios.Nth(1)).ToBeCheckedAsync();
        await page.Keyboard.PressAsync("Tab");
        Assert.Matches("^(Stem hierop|Kies dit)", await page.EvaluateAsync<string>("() => document.activeElement?.textContent ?? ''"));
        await page.Keyboard.PressAsync("Enter");
        // Taken: the question no longer asks (a vote keeps the card with the choice, a decision leaves the table).
        await Assertions.Expect(radios).ToHaveCountAsync(0);
        await AssertFocusKeptAsync(page, "after answering");
        return true;
    }

    /// <summary>The focus is somewhere in the page, not dropped on its body.</summary>
    private static async Task AssertFocusKeptAsync(IPage page, string when)
    {
        await page.WaitForTimeoutAsync(200);
        Assert.False(await page.EvaluateAsync<bool>("() => !document.activeElement || document.activeElement === document.body"), $"the focus fell to the page's body {when}");
    }
}
