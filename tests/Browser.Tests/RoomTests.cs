using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace RegioLab.Sim.Browser.Tests;

/// <summary>
/// The room in Debian's Chromium: the projector at 1920×1080 as the back row reads it (who is in, the
/// vote as it comes in, the words at the swap) and a 360×740 phone whose first block is what the phase
/// asks of its player.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class RoomTests(BrowserFixture browser)
{
    private const int PhoneHeight = 740;

    /// <summary>The phone's page with a dilemma vote still open: at most three screens, as in any typical phase.</summary>
    private const int OpenVoteBound = 3 * PhoneHeight;

    [Fact]
    public async Task The_projector_shows_the_join_counter_rising_then_the_vote_bars_moving_then_the_reflection_cloud()
    {
        var (console, code) = await browser.CreateWorkshopAsync();
        var projector = await browser.NewPageAsync(1920, 1080);
        // Bars and names move gently, but not for who asked for less motion: then a bar is where its count says at once.
        await projector.EmulateMediaAsync(new() { ReducedMotion = ReducedMotion.Reduce });
        await projector.GotoAsync($"/projector/{code}");
        var count = projector.Locator(".room-lobby__count");
        await Assertions.Expect(count).ToHaveTextAsync("Nog niemand binnen: scan de code hiernaast.");

        // The counter rises as each phone joins, and the name appears.
        var players = new List<IPage>();
        var names = new[] { "Anna", "Bram", "Cor" };
        for (var i = 0; i < names.Length; i++)
        {
            players.Add(await browser.JoinAsync(code, names[i]));
            await Assertions.Expect(count).ToHaveTextAsync(i == 0 ? "1 speler binnen" : $"{i + 1} spelers binnen");
            await Assertions.Expect(projector.Locator(".room-name").GetByText(names[i], new() { Exact = true })).ToBeVisibleAsync();
        }

        await BrowserFixture.ShotAsync(projector, "room-projector-lobby");
        await InEnglishAsync(projector, "room-projector-lobby-en", async () => await Assertions.Expect(count).ToHaveTextAsync("3 players in"));

        // Round 1, explore: every phone takes an action, so the room has news to read.
        var table = console.GetByRole(AriaRole.Article, new() { Name = "Tafel 1" });
        await table.GetByRole(AriaRole.Button, new() { Name = "Starten", Exact = true }).ClickAsync();
        await NextPhaseAsync(table, players[0]);
        await Assertions.Expect(projector.Locator(".poster__qr")).ToBeHiddenAsync();
        foreach (var player in players)
        {
            await BrowserFixture.OpenActionsAsync(player);
            var act = player.Locator(".now ~ section").GetByRole(AriaRole.Button, new() { Name = "Doen", Exact = true }).First;
            await act.ClickAsync();
            await Assertions.Expect(player.Locator(".feedback--done").GetByText("Gedaan.")).ToBeVisibleAsync();
        }

        // Every phone's action reaches the projector: with no dilemma on the screen, all of them fit.
        var story = projector.Locator(".projected .room-story");
        await Assertions.Expect(story).ToHaveAttributeAsync("data-told", new Regex("^[3-9]$"));
        var told = int.Parse(await story.GetAttributeAsync("data-told") ?? "0", System.Globalization.CultureInfo.InvariantCulture);
        if (await projector.Locator(".projected .room-dilemma").CountAsync() == 0)
        {
            await Assertions.Expect(projector.Locator(".projected .story__line")).ToHaveCountAsync(told);
        }
        else
        {
            // A dilemma that chance put on the table in this phase takes room: the newest headlines that fit, at least one.
            var shown = await projector.Locator(".projected .story__line").CountAsync();
            Assert.InRange(shown, 1, told);
        }
        await AssertHeadlinesFitAsync(projector);

        // Negotiate: the table votes on the round's dilemma; the room watches the bars move, never who voted what.
        await NextPhaseAsync(table, players[0]);
        var dilemma = projector.Locator(".room-dilemma");
        await Assertions.Expect(dilemma).ToContainTextAsync("Beheer of eigendom?");
        await Assertions.Expect(dilemma.Locator(".room-vote__tally")).ToHaveTextAsync("0 van 3 gestemd");

        // Meanwhile, on a phone: the vote is the first thing on the page, and the page is at most three screens.
        var cor = players[2];
        var now = cor.Locator(".now");
        await Assertions.Expect(now.GetByRole(AriaRole.Radio).First).ToBeVisibleAsync();
        Assert.True(await cor.EvaluateAsync<bool>(NowIsFirst), "the now block is not the first block under the status strip");
        var before = await cor.EvaluateAsync<int>("() => document.documentElement.scrollHeight");
        Console.WriteLine($"phone height with the vote open, before voting: {before} px");
        var parts = await cor.EvaluateAsync<string>(Parts);
        Console.WriteLine($"phone page by block: {parts}");

        // The options are a radio group: picking one by keyboard shows what it does, then one button sends it.
        var send = now.GetByRole(AriaRole.Button, new() { NameRegex = VoteButton() });
        await Assertions.Expect(send).ToBeDisabledAsync();
        await now.GetByRole(AriaRole.Radio).First.FocusAsync();
        await cor.Keyboard.PressAsync("Space");
        await Assertions.Expect(now.GetByRole(AriaRole.Radio).First).ToBeCheckedAsync();
        await Assertions.Expect(now.Locator(".option-picks .chips")).ToBeVisibleAsync();
        await Assertions.Expect(send).ToBeEnabledAsync();
        var picked = await cor.EvaluateAsync<int>("() => document.documentElement.scrollHeight");
        Console.WriteLine($"phone height with an option picked, before voting: {picked} px");
        Assert.True(picked <= OpenVoteBound + 120, $"the phone's page is {picked} px high with an option picked, more than {OpenVoteBound + 120}");
        await BrowserFixture.ShotAsync(cor, "room-phone-now");
        await cor.EvaluateAsync("() => window.scrollTo(0, 0)");
        await cor.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.Screenshots, "room-phone-now-first-screen.png") });
        await InEnglishAsync(cor, "room-phone-now-en", async () => await Assertions.Expect(cor.GetByRole(AriaRole.Heading, new() { Name = "Now for you" })).ToBeVisibleAsync());
        // Three screens with the vote open: the radio group and the actions folded under their heading while the vote waits.
        Assert.True(before <= OpenVoteBound, $"the phone's page is {before} px high with the vote still open, more than {OpenVoteBound} ({parts})");

        var rows = dilemma.Locator(".room-vote__row");
        await VoteAsync(players[0], 0);
        await Assertions.Expect(dilemma.Locator(".room-vote__tally")).ToHaveTextAsync("1 van 3 gestemd");
        await Assertions.Expect(rows.Nth(0).Locator(".room-vote__count")).ToHaveTextAsync("1 stem");
        Assert.Equal(100, await FillPercentAsync(rows.Nth(0)));
        await VoteAsync(players[1], 1);
        await Assertions.Expect(dilemma.Locator(".room-vote__tally")).ToHaveTextAsync("2 van 3 gestemd");
        await Assertions.Expect(rows.Nth(1).Locator(".room-vote__count")).ToHaveTextAsync("1 stem");
        Assert.Equal(50, await FillPercentAsync(rows.Nth(0)));
        Assert.Equal(50, await FillPercentAsync(rows.Nth(1)));
        await Assertions.Expect(rows.Nth(2).Locator(".room-vote__count")).ToHaveTextAsync("0 stemmen");

        // Once I voted, the page for the rest of the phase: at most three screens.
        var anna = players[0];
        await Assertions.Expect(anna.Locator(".now .option__chosen")).ToBeVisibleAsync();
        // The phase-change cue ("Nieuwe fase") shows for 4 s after a change; the phase itself is measured without it.
        await Assertions.Expect(anna.Locator(".status-strip__cue")).ToHaveCountAsync(0, new() { Timeout = 10_000 });
        var height = await anna.EvaluateAsync<int>("() => document.documentElement.scrollHeight");
        Console.WriteLine($"phone height after voting: {height} px");
        Assert.True(height <= 3 * PhoneHeight, $"the phone's page is {height} px high in a typical phase, more than three screens of {PhoneHeight}");

        // Readable from the back: headlines and metric labels at least 28 px, and nothing below the screen;
        // with the dilemma and its bars on the screen, the newest headlines that fit.
        await AssertReadableFromTheBackAsync(projector);
        await AssertHeadlinesFitAsync(projector);
        await BrowserFixture.ShotAsync(projector, "room-projector-votes");
        await InEnglishAsync(projector, "room-projector-votes-en", async () => await Assertions.Expect(dilemma.Locator(".room-vote__tally")).ToHaveTextAsync("2 of 3 voted"));

        // To the role swap: each phone gives one word; the room sees them as a cloud, the most given largest.
        // The phone is the clock here (NextPhaseAsync waited for it): at the swap its strip names the stage.
        var phase = players[0].Locator(".status-strip__phase");
        for (var i = 0; i < 5 && (await phase.TextContentAsync() ?? "") != "Rolwissel"; i++)
        {
            await NextPhaseAsync(table, players[0]);
        }

        await Assertions.Expect(players[0].GetByText("Volgende ronde ben jij")).ToBeVisibleAsync();

        var words = new[] { "machteloos", "Machteloos", "gehoord" };
        for (var i = 0; i < players.Count; i++)
        {
            try { await players[i].GetByLabel("Eén woord: hoe voelde deze rol?").FillAsync(words[i]); } catch { await players[i].ScreenshotAsync(new() { Path = "/tmp/x/wordfail.png", FullPage = true }); await console.ScreenshotAsync(new() { Path = "/tmp/x/wordfail-console.png" }); Console.WriteLine("DBG player " + i); throw; }
            await players[i].GetByRole(AriaRole.Button, new() { Name = "Versturen", Exact = true }).ClickAsync();
            await Assertions.Expect(players[i].Locator(".feedback--done").GetByText("Dank je! Je antwoord is bewaard.")).ToBeVisibleAsync();
        }

        var cloud = projector.Locator(".room-cloud");
        await Assertions.Expect(cloud.Locator(".room-cloud__word")).ToHaveCountAsync(2);
        await Assertions.Expect(cloud.Locator(".room-cloud__word--5")).ToContainTextAsync("machteloos");
        await Assertions.Expect(cloud.Locator(".room-cloud__word--1")).ToContainTextAsync("gehoord");
        var large = await cloud.Locator(".room-cloud__word--5").EvaluateAsync<double>("e => parseFloat(getComputedStyle(e).fontSize)");
        var small = await cloud.Locator(".room-cloud__word--1").EvaluateAsync<double>("e => parseFloat(getComputedStyle(e).fontSize)");
        Assert.True(large > small && small >= 28, $"cloud words of {large} px and {small} px");
        await AssertReadableFromTheBackAsync(projector);
        await BrowserFixture.ShotAsync(projector, "room-projector-cloud");
        await InEnglishAsync(projector, "room-projector-cloud-en", async () => await Assertions.Expect(cloud).ToContainTextAsync("In one word"));

        // The new role is read before it is asked anything: the now block waits for "got it".
        await players[0].GetByRole(AriaRole.Button, new() { Name = "Begrepen, ik ken mijn rol" }).ClickAsync();
        await NextPhaseAsync(table, players[1]);
        await Assertions.Expect(players[0].Locator(".now")).Not.ToContainTextAsync("Begrepen, ik ken mijn rol");
        var bram = players[1].Locator(".now");
        await Assertions.Expect(bram.GetByRole(AriaRole.Button, new() { Name = "Begrepen, ik ken mijn rol" })).ToBeVisibleAsync();
        await Assertions.Expect(bram.Locator(".now__asks")).ToHaveTextAsync("bekijk je nieuwe rol");
        await bram.GetByRole(AriaRole.Button, new() { Name = "Begrepen, ik ken mijn rol" }).ClickAsync();
        await Assertions.Expect(bram.Locator(".now__asks")).Not.ToHaveTextAsync("bekijk je nieuwe rol");
    }

    [Fact]
    public async Task A_player_is_never_offered_to_counter_their_own_proposal()
    {
        // Whoever can make a proposal in round 1's negotiation makes one.
        var (_, players, proposer) = await ProposalInNegotiationAsync();
        await Assertions.Expect(proposer.GetByText(new Regex("^Jouw voorstel wacht op"))).ToBeVisibleAsync();
        await Assertions.Expect(proposer.GetByRole(AriaRole.Button, new() { Name = "Tegenvoorstel doen" })).ToHaveCountAsync(0);

        // The one it goes to sees it first, with what it does and what a counter means, and may counter it.
        var answerer = await AddresseeAsync(players, proposer);
        var offered = answerer.Locator(".now .proposal");
        await Assertions.Expect(offered).ToContainTextAsync("Wat het doet met de indicatoren:");
        await Assertions.Expect(offered).ToContainTextAsync("Tegenvoorstel: je stelt een aangepaste versie voor");
        await offered.GetByRole(AriaRole.Button, new() { Name = "Tegenvoorstel doen" }).ClickAsync();

        // The counter comes back to the proposer: take it or leave it, never counter it again.
        var back = proposer.Locator(".now .proposal");
        await Assertions.Expect(back.GetByRole(AriaRole.Button, new() { Name = "Akkoord" })).ToBeVisibleAsync();
        await Assertions.Expect(back).ToContainTextAsync("Je voorstel kreeg een tegenvoorstel. Neem het aan of wijs het af.");
        await Assertions.Expect(proposer.GetByRole(AriaRole.Button, new() { Name = "Tegenvoorstel doen" })).ToHaveCountAsync(0);
        await BrowserFixture.ShotAsync(proposer, "room-phone-counter");
    }

    [Fact]
    public async Task A_keyboard_user_among_the_folded_actions_keeps_them_open_into_the_next_phase()
    {
        // A proposal waits for an answer: it stays open into the next phase, and keeps its addressee's actions folded.
        var (table, players, proposer) = await ProposalInNegotiationAsync();
        var answerer = await AddresseeAsync(players, proposer);

        // With the keyboard only: to the folded heading, open it, on to the first control among the actions.
        var fold = answerer.Locator(".actions-fold");
        await Assertions.Expect(fold).Not.ToHaveAttributeAsync("open", "");
        await fold.Locator("> summary").FocusAsync();
        await answerer.Keyboard.PressAsync("Enter");
        await Assertions.Expect(fold).ToHaveAttributeAsync("open", "");
        await answerer.Keyboard.PressAsync("Tab");
        const string FocusAmongActions = "() => { const f = document.activeElement; return !!f && !!f.closest('.actions-fold ul.actions') && f.matches(':focus-visible'); }";
        Assert.True(await answerer.EvaluateAsync<bool>(FocusAmongActions), "the keyboard's focus is not on a control among the actions");

        // The facilitator moves on; the proposal still waits, so the actions stay folded as a rule, but this player is in them.
        await NextPhaseAsync(table, answerer);
        await Assertions.Expect(answerer.Locator(".status-strip__phase")).ToContainTextAsync("Besluiten");
        await Assertions.Expect(answerer.Locator(".now").GetByRole(AriaRole.Button, new() { Name = "Tegenvoorstel doen" })).ToHaveCountAsync(1);
        await Assertions.Expect(fold).ToHaveAttributeAsync("open", "");
        // The control it was on may have moved with the phase (an action no longer possible folds away under the
        // others): then the focus keeper leaves it on the actions' section, never on the page's top.
        Assert.True(
            await answerer.EvaluateAsync<bool>("() => !!document.activeElement?.closest('section[aria-labelledby=\"actions-heading\"]')"),
            "the new phase took the keyboard's focus away from the actions: " + await answerer.EvaluateAsync<string>("() => document.activeElement?.outerHTML.slice(0, 120) ?? 'none'"));
        await BrowserFixture.ShotAsync(answerer, "room-phone-keyboard-fold");
    }

    /// <summary>Headlines and metric labels at 28 px or more, and the page not running below the screen.</summary>
    private static async Task AssertReadableFromTheBackAsync(IPage projector)
    {
        var headlines = await projector.Locator(".projected .story__line").EvaluateAllAsync<double[]>(
            "els => els.map(e => parseFloat(getComputedStyle(e).fontSize))");
        Assert.NotEmpty(headlines);
        Assert.All(headlines, size => Assert.True(size >= 28, $"a headline at {size} px"));
        var labels = await projector.Locator(".projected .gauge__label").EvaluateAllAsync<double[]>(
            "els => els.map(e => parseFloat(getComputedStyle(e).fontSize))");
        Assert.NotEmpty(labels);
        Assert.All(labels, size => Assert.True(size >= 28, $"a metric label at {size} px"));
        var below = await projector.EvaluateAsync<double>(
            "() => Math.max(document.documentElement.scrollHeight, ...[...document.querySelectorAll('.story__line')].map(e => e.getBoundingClientRect().bottom)) - window.innerHeight");
        Assert.True(below <= 0, $"the projector runs {below} px below the screen");
    }

    /// <summary>Picks the option at <paramref name="option"/> in the phone's now block and sends the vote.</summary>
    private static async Task VoteAsync(IPage phone, int option)
    {
        var now = phone.Locator(".now");
        await now.GetByRole(AriaRole.Radio).Nth(option).CheckAsync();
        await now.GetByRole(AriaRole.Button, new() { NameRegex = VoteButton() }).ClickAsync();
    }

    /// <summary>
    /// The projector's fit rule, exactly: it shows the round's newest headlines, all of them unless one
    /// more would run below the screen, and at least one.
    /// </summary>
    private static async Task AssertHeadlinesFitAsync(IPage projector)
    {
        var told = int.Parse(await projector.Locator(".projected .room-story").GetAttributeAsync("data-told") ?? "0", System.Globalization.CultureInfo.InvariantCulture);
        var lines = projector.Locator(".projected .story__line");
        var shown = await lines.CountAsync();
        Console.WriteLine($"projector headlines: {shown} shown of {told} told");
        Assert.InRange(shown, Math.Min(1, told), told);
        if (shown < told)
        {
            var spare = await projector.EvaluateAsync<double>(
                "() => window.innerHeight - Math.max(...[...document.querySelectorAll('#main *')].map(e => e.getBoundingClientRect().bottom))");
            var line = await lines.Last.EvaluateAsync<double>("e => e.getBoundingClientRect().height");
            Assert.True(spare < line, $"{shown} of {told} headlines shown, yet {spare} px are free below and a headline takes {line} px");
        }
    }

    /// <summary>The vote bar's fill as a share of its track, in whole percent.</summary>
    private static Task<int> FillPercentAsync(ILocator row) =>
        row.EvaluateAsync<int>("r => Math.round(100 * r.querySelector('.room-vote__fill').getBoundingClientRect().width / r.querySelector('.room-vote__track').clientWidth)");

    /// <summary>One click on "next phase", waiting until a phone shows the new phase.</summary>
    private static async Task NextPhaseAsync(ILocator table, IPage phone)
    {
        // Its text as ToHaveText reads it (the DOM's text, not only what is rendered visible).
        var where = phone.Locator(".status-strip__where");
        var before = await where.TextContentAsync() ?? "";
        await table.GetByRole(AriaRole.Button, new() { Name = "Volgende fase" }).ClickAsync();
        await Assertions.Expect(where).Not.ToHaveTextAsync(before);
    }

    /// <summary>
    /// Three phones in round 1's negotiation, where the first that can make a proposal has made one; the console's
    /// table, the phones and the proposer's.
    /// </summary>
    private async Task<(ILocator Table, List<IPage> Players, IPage Proposer)> ProposalInNegotiationAsync()
    {
        var (console, code) = await browser.CreateWorkshopAsync();
        var players = new List<IPage>();
        foreach (var name in new[] { "Anna", "Bram", "Cor" })
        {
            players.Add(await browser.JoinAsync(code, name));
        }

        var table = console.GetByRole(AriaRole.Article, new() { Name = "Tafel 1" });
        await table.GetByRole(AriaRole.Button, new() { Name = "Starten", Exact = true }).ClickAsync();
        await NextPhaseAsync(table, players[0]);
        await NextPhaseAsync(table, players[0]);
        await AllInNegotiationAsync(players);
        foreach (var player in players)
        {
            // The round's dilemma vote is open too, so each phone shows it first and folds its actions.
            await BrowserFixture.OpenActionsAsync(player);
            var propose = player.GetByRole(AriaRole.Button, new() { Name = "Voorstellen", Exact = true });
            if (await propose.CountAsync() > 0 && await propose.First.IsEnabledAsync())
            {
                await propose.First.ClickAsync();
                return (table, players, player);
            }
        }

        throw new Xunit.Sdk.XunitException("no phone could make a proposal in the negotiation");
    }

    /// <summary>The phone a proposal went to: the one whose first block offers to counter it, once the proposal has reached it.</summary>
    private static async Task<IPage> AddresseeAsync(IEnumerable<IPage> phones, IPage proposer)
    {
        var others = phones.Where(p => p != proposer).ToList();
        for (var waited = 0; waited < 100; waited++)
        {
            foreach (var phone in others)
            {
                if (await phone.Locator(".now").GetByRole(AriaRole.Button, new() { Name = "Tegenvoorstel doen" }).CountAsync() > 0)
                {
                    return phone;
                }
            }

            await Task.Delay(100);
        }

        throw new Xunit.Sdk.XunitException("no phone was offered the proposal within 10 s");
    }

    /// <summary>
    /// Every phone in round 1's negotiation, its dilemma vote open and so its actions folded: the console's
    /// click reaches the phones one by one, and a phone still in the previous phase offers no proposal.
    /// </summary>
    private static async Task AllInNegotiationAsync(IEnumerable<IPage> phones)
    {
        foreach (var phone in phones)
        {
            await Assertions.Expect(phone.Locator(".status-strip__phase")).ToContainTextAsync("Onderhandelen");
            await Assertions.Expect(phone.Locator(".actions-fold")).ToHaveCountAsync(1);
        }
    }

    /// <summary>The same state in English (checked and shot), then back to Dutch.</summary>
    private static async Task InEnglishAsync(IPage page, string shot, Func<Task> check)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "English", Exact = true }).ClickAsync();
        await check();
        await BrowserFixture.ShotAsync(page, shot);
        await page.GetByRole(AriaRole.Button, new() { Name = "Nederlands", Exact = true }).ClickAsync();
    }

    /// <summary>The height of each block of the page, to say where the pixels go.</summary>
    private const string Parts = """
        () => [...document.getElementById('main').children, ...document.querySelectorAll('.now .stack > *')]
          .map(e => `${e.className || e.tagName}=${Math.round(e.getBoundingClientRect().height)}`).join(', ')
        """;

    /// <summary>Whether the now block is the first thing a player sees under the status strip.</summary>
    private const string NowIsFirst = """
        () => {
          const main = document.getElementById('main');
          const visible = [...main.children].filter(e => !e.classList.contains('status-strip') && !e.classList.contains('visually-hidden') && e.getBoundingClientRect().height > 0);
          return visible[0] === main.querySelector('.now');
        }
        """;

    [GeneratedRegex("^Stem hierop")]
    private static partial Regex VoteButton();
}
