using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace RegioLab.Sim.Browser.Tests;

/// <summary>
/// The console's danger zone: replacing the facilitator key keeps this console open with the new key
/// and closes another console opened with the old one; deleting the workshop asks for its code and
/// takes it away (docs/privacy.md); after the game a player downloads what the workshop holds about them.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class DangerZoneTests(BrowserFixture browser)
{
    [Fact]
    public async Task Replacing_the_key_closes_the_other_console_and_deleting_asks_for_the_code_and_removes_the_workshop()
    {
        var (console, code) = await browser.CreateWorkshopAsync();
        var workshopId = WorkshopIdOf(console.Url);
        var oldKey = await console.EvaluateAsync<string>($"localStorage.getItem('regiolab.facilitator.{workshopId}')");

        // A second console, on another device, opened with the same key.
        var other = await browser.NewPageAsync(1280, 800);
        await other.GotoAsync($"/facilitator/{workshopId}");
        await other.GetByLabel("Begeleiderssleutel").FillAsync(oldKey);
        await other.GetByRole(AriaRole.Button, new() { Name = "Openen", Exact = true }).ClickAsync();
        await Assertions.Expect(other.Locator(".poster__code")).ToHaveTextAsync(code);

        var zone = console.GetByRole(AriaRole.Region, new() { Name = "Gevarenzone" });
        await zone.GetByRole(AriaRole.Button, new() { Name = "Nieuwe sleutel maken…" }).ClickAsync();
        await zone.GetByRole(AriaRole.Button, new() { Name = "Ja, vervang de sleutel" }).ClickAsync();
        var newKey = zone.Locator(".danger-zone__key code");
        await Assertions.Expect(newKey).ToHaveTextAsync(new Regex(".{10,}"));
        Assert.NotEqual(oldKey, await newKey.InnerTextAsync());
        await BrowserFixture.ShotAsync(console, "console-danger-zone-new-key");

        // The other console is closed and asks for the new key; this one stays open with it.
        await Assertions.Expect(other.GetByText("De sleutel van de begeleider is vervangen.")).ToBeVisibleAsync();
        await BrowserFixture.ShotAsync(other, "console-closed-after-key-rotation");
        await Assertions.Expect(console.Locator(".poster__code")).ToHaveTextAsync(code);
        Assert.Equal(await newKey.InnerTextAsync(), await console.EvaluateAsync<string>($"localStorage.getItem('regiolab.facilitator.{workshopId}')"));

        // Deleting is refused until the code is typed.
        var delete = zone.GetByRole(AriaRole.Button, new() { Name = "Werksessie definitief verwijderen" });
        await Assertions.Expect(delete).ToBeDisabledAsync();
        await zone.GetByLabel($"Typ de code {code} om te bevestigen").FillAsync(code.ToLowerInvariant());
        await delete.ClickAsync();
        await Assertions.Expect(console).ToHaveURLAsync(new Regex("/$"));

        var join = await console.APIRequest.GetAsync($"/api/join/{code}");
        Assert.Equal(404, join.Status);
    }

    [Fact]
    public async Task A_player_downloads_what_the_workshop_holds_about_them_after_the_game()
    {
        var (console, code) = await browser.CreateWorkshopAsync();
        var players = new List<IPage>();
        foreach (var name in new[] { "Femke", "Gijs", "Hanna" })
        {
            players.Add(await browser.JoinAsync(code, name));
        }

        await console.GetByRole(AriaRole.Button, new() { Name = "Starten" }).ClickAsync();
        console.Dialog += (_, dialog) => dialog.AcceptAsync();
        var end = console.GetByRole(AriaRole.Button, new() { Name = "Beëindigen" });
        await Assertions.Expect(end).ToBeEnabledAsync();
        await end.ClickAsync();

        var phone = players[0];
        var button = phone.GetByRole(AriaRole.Button, new() { Name = "Download wat de werksessie over mij bewaart" });
        await Assertions.Expect(button).ToBeVisibleAsync();
        await BrowserFixture.ShotAsync(phone, "phone-my-data-download");
        var download = await phone.RunAndWaitForDownloadAsync(() => button.ClickAsync());
        Assert.Equal("regiolab-my-data.json", download.SuggestedFilename);
        var text = await File.ReadAllTextAsync((await download.PathAsync())!);
        Assert.Contains("Femke", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Gijs", text, StringComparison.Ordinal);
    }

    private static string WorkshopIdOf(string url) => WorkshopPath().Match(url).Groups[1].Value;

    [GeneratedRegex("/facilitator/([^/?#]+)")]
    private static partial Regex WorkshopPath();
}
