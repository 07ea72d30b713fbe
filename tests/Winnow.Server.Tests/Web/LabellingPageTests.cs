using Microsoft.Playwright;
using Winnow.Server.Store;
using Winnow.Server.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Winnow.Server.Tests.Web;

/// <summary>The pages in a real headless Chromium: sign in, label with the keyboard, undo, skip, search labels, bulk-label, spans, review.</summary>
public sealed class LabellingPageTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private async Task<IPage> SignedIn(TestServer server, string person, string? screenshot = null)
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = server.Address.ToString(), ViewportSize = new() { Width = 1100, Height = 760 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/signin");
        await page.FillAsync("#token", server.People[person].Token);
        if (screenshot is not null) await BrowserFixture.ScreenshotAsync(page, screenshot);
        await page.PressAsync("#token", "Enter");
        await page.WaitForURLAsync(server.Address + "");
        return page;
    }

    [Fact]
    public async Task SignIn_LabelWithKeyboard_DigitUndoSearchSkip()
    {
        await using var server = await TestServer.StartAsync(k: 1);
        var page = await SignedIn(server, "ann", "signin.png");
        await Expect(page.Locator("#item-id")).ToHaveTextAsync("r0"); // least confident first
        await Expect(page.Locator("#suggestions")).ToContainTextAsync("card_arrival 0.40 · model");
        await Expect(page.Locator("#hotkey-table")).ToContainTextAsync("undo your last label");
        await BrowserFixture.ScreenshotAsync(page, "label.png");

        await page.Keyboard.PressAsync("1"); // the top suggestion, one key
        await Expect(page.Locator("#item-id")).ToHaveTextAsync("r1");
        await page.Keyboard.PressAsync("u");
        await Expect(page.Locator("#item-id")).ToHaveTextAsync("r0");
        Assert.Equal(0, (await server.Store.InvariantsAsync(server.Project)).Annotations);

        await page.Keyboard.PressAsync("/");
        await page.Keyboard.TypeAsync("refund");
        await Expect(page.Locator("#label-list li")).ToHaveCountAsync(1);
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#item-id")).ToHaveTextAsync("r1");
        await page.Keyboard.PressAsync("s");
        await Expect(page.Locator("#item-id")).ToHaveTextAsync("r2");
        await page.Keyboard.PressAsync("Enter"); // the highlighted label: r2's suggestion
        await Expect(page.Locator("#item-id")).ToHaveTextAsync("r3");

        var exported = new List<ExportedItem>();
        await foreach (var e in server.Store.ExportAsync(server.Project)) exported.Add(e);
        Assert.Equal("refund_not_showing_up", exported.Single(e => e.RecordJson.Contains("\"r0\"", StringComparison.Ordinal)).Label);
        Assert.Equal("refund_not_showing_up", exported.Single(e => e.RecordJson.Contains("\"r2\"", StringComparison.Ordinal)).Label);
        Assert.Null(exported.Single(e => e.RecordJson.Contains("\"r1\"", StringComparison.Ordinal)).Label);
    }

    [Fact]
    public async Task Hotkeys_Rebound_NewKeyWorksAndIsShown()
    {
        await using var server = await TestServer.StartAsync(k: 1);
        var page = await SignedIn(server, "ann");
        await Expect(page.Locator("#item-id")).ToHaveTextAsync("r0");
        await page.ClickAsync("#keys summary");
        await page.FillAsync("#hotkey-form input[name=skip]", "k");
        await page.ClickAsync("#hotkey-form button[type=submit]");
        await Expect(page.Locator("#hotkey-table")).ToContainTextAsync("k" + "skip");
        await page.Locator("#text").ClickAsync();
        await page.Keyboard.PressAsync("s"); // no longer skip
        await page.Keyboard.PressAsync("k");
        await Expect(page.Locator("#item-id")).ToHaveTextAsync("r1");
        Assert.Single(await server.Store.AuditAsync(), a => a.Action == "skip");
    }

    [Fact]
    public async Task HostileText_ShownAsText_NoScriptRuns()
    {
        const string evil = "<img src=x onerror=\"document.title='pwned'\"><script>document.title='pwned'</script>";
        await using var server = await TestServer.StartAsync(items: 0, k: 1,
            extraItems: [new NewItem("evil", evil, "{}", null, [new Suggestion("card_lost", 0.2, "<b>model</b>")])]);
        var page = await SignedIn(server, "ann");
        var dialogs = 0;
        page.Dialog += (_, d) => { dialogs++; _ = d.DismissAsync(); };
        await Expect(page.Locator("#text")).ToHaveTextAsync(evil);
        await Expect(page.Locator("#suggestions")).ToContainTextAsync("<b>model</b>");
        Assert.Equal(0, await page.Locator("#text img, #text script").CountAsync());
        Assert.NotEqual("pwned", await page.TitleAsync());
        Assert.Equal(0, dialogs);
    }

    [Fact]
    public async Task Search_BulkLabel_LabelsEveryMatch()
    {
        await using var server = await TestServer.StartAsync(items: 12);
        var page = await SignedIn(server, "rev");
        await page.GotoAsync("/search?text=number+1");
        await Expect(page.Locator("#hit-count")).ToHaveTextAsync("3 items");
        await page.SelectOptionAsync("#bulk-label", "card_lost");
        await BrowserFixture.ScreenshotAsync(page, "search.png");
        await page.ClickAsync("#bulk-go");
        await Expect(page.Locator("#bulk-done")).ToHaveTextAsync("Labelled 3 items.");
        var labelled = await server.Store.SearchAsync(server.Project, new SearchQuery(Label: "card_lost"));
        Assert.Equal(["r1", "r10", "r11"], labelled.Where(s => s.DecidedBy == "bulk").Select(s => s.ExtId));
    }

    // WNUT17's entity types, and sentences of its dev split (examples/wnut17/dev.conll, CC BY 4.0), tokens joined by spaces.
    private static readonly string[] Wnut = ["person", "location", "corporation", "product", "creative-work", "group"];
    private const string Redondo = "You should ' ve stayed on Redondo Beach Blvd . you were in the borderlines of Gardena / Compton";
    private const string Oregon = "Welcome to Oregon from Troutdale ( east portland ) , enjoy our ( few ) nice days right now .";

    private static Span At(string text, string words, string label) => new(text.IndexOf(words, StringComparison.Ordinal), text.IndexOf(words, StringComparison.Ordinal) + words.Length, label);

    [Fact]
    public async Task Spans_SelectAndPressKey_AcceptSuggested_Delete_Submit()
    {
        await using var server = await TestServer.StartAsync(items: 0, k: 1, projectKind: ProjectKinds.Spans, labels: Wnut,
            extraItems: [new NewItem("wnut-dev-2", Redondo, "{}", null, [new Suggestion(null, null, "rule", [At(Redondo, "Redondo Beach Blvd", "location")])])]);
        var page = await SignedIn(server, "ann");
        await Expect(page.Locator("#text mark.suggested")).ToHaveTextAsync("Redondo Beach Blvd");
        await page.Keyboard.PressAsync("a");
        await Expect(page.Locator("#text mark.span")).ToHaveTextAsync("Redondo Beach Blvd");
        await Select(page, "Gardena");
        await page.Keyboard.PressAsync("2"); // location
        await Select(page, "Compton");
        await page.Keyboard.PressAsync("1"); // person: a slip, edited below
        await Select(page, "borderlines");
        await page.Keyboard.PressAsync("6"); // group: a slip, deleted below
        await Expect(page.Locator("#text mark.span")).ToHaveCountAsync(4);
        await BrowserFixture.ScreenshotAsync(page, "spans.png");
        await page.ClickAsync("#text mark:text('borderlines')");
        await page.Keyboard.PressAsync("Delete");
        await Expect(page.Locator("#text mark.span")).ToHaveCountAsync(3);
        await page.ClickAsync("#text mark:text('Compton')");
        await page.Keyboard.PressAsync("2"); // edit: location
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#done")).ToBeVisibleAsync();

        var exported = new List<ExportedItem>();
        await foreach (var e in server.Store.ExportAsync(server.Project)) exported.Add(e);
        Assert.Equal([At(Redondo, "Redondo Beach Blvd", "location"), At(Redondo, "Gardena", "location"), At(Redondo, "Compton", "location")], exported.Single().Spans);
    }

    [Fact]
    public async Task Review_SpanDisagreement_EachPersonsSpansShown_ApproveOnesSpans()
    {
        await using var server = await TestServer.StartAsync(items: 0, k: 2, projectKind: ProjectKinds.Spans, labels: Wnut,
            extraItems: [new NewItem("wnut-dev-51", Oregon, "{}", null, [new Suggestion(null, null, "rule", [At(Oregon, "Oregon", "location")])])]);
        var (ann, bob) = (server.People["ann"].Who.Id, server.People["bob"].Who.Id);
        var item = await server.Store.NextAsync(server.Project, ann);
        await server.Store.NextAsync(server.Project, bob);
        Span[] annSpans = [At(Oregon, "Oregon", "location"), At(Oregon, "Troutdale", "location"), At(Oregon, "east portland", "location")];
        await server.Store.AnnotateAsync(item!.Id, ann, new(null, annSpans, 4, null));
        await server.Store.AnnotateAsync(item.Id, bob, new(null, [At(Oregon, "Oregon", "location"), At(Oregon, "Troutdale", "person")], 5, null));
        var page = await SignedIn(server, "rev");
        await page.GotoAsync("/review");
        var card = page.Locator($"#review-{item.Id}");
        await Expect(card.Locator(".reason")).ToHaveTextAsync("annotators disagree");
        await Expect(card.Locator(".span-vote")).ToHaveCountAsync(3); // the model's, ann's, bob's
        await Expect(card.Locator(".span-vote:has-text('bob') mark[data-label=person]")).ToHaveTextAsync("Troutdale");
        await Expect(card.Locator(".span-vote:has-text('ann') mark")).ToHaveTextAsync(["Oregon", "Troutdale", "east portland"]);
        Assert.DoesNotContain(">spans<", await card.InnerHTMLAsync(), StringComparison.Ordinal);
        await page.SelectOptionAsync($"#review-{item.Id} select[name=spans_of]", "ann");
        await page.FillAsync($"#review-{item.Id} input[name=comment]", "Troutdale is a city");
        await BrowserFixture.ScreenshotAsync(page, "review-spans.png");
        await page.ClickAsync($"#review-{item.Id} button[value=approve]");
        await Expect(page.Locator("#review-count")).ToHaveTextAsync("0 items need a reviewer.");
        var exported = new List<ExportedItem>();
        await foreach (var e in server.Store.ExportAsync(server.Project)) exported.Add(e);
        Assert.Equal("review", exported.Single().Status);
        Assert.Equal(annSpans, exported.Single().Spans);
    }

    [Fact]
    public async Task Review_Disagreement_ApprovedWithComment()
    {
        await using var server = await TestServer.StartAsync(items: 2, k: 2);
        var (ann, bob) = (server.People["ann"].Who.Id, server.People["bob"].Who.Id);
        var item = await server.Store.NextAsync(server.Project, ann);
        await server.Store.NextAsync(server.Project, bob);
        await server.Store.AnnotateAsync(item!.Id, ann, new("card_lost", null, 2, null));
        await server.Store.AnnotateAsync(item.Id, bob, new("card_arrival", null, 3, null));
        var page = await SignedIn(server, "rev");
        await page.GotoAsync("/review");
        await Expect(page.Locator($"#review-{item.Id} .reason")).ToHaveTextAsync("annotators disagree");
        await page.SelectOptionAsync($"#review-{item.Id} select[name=label]", "card_arrival");
        await page.FillAsync($"#review-{item.Id} input[name=comment]", "the card was ordered, not lost");
        await BrowserFixture.ScreenshotAsync(page, "review.png");
        await page.ClickAsync($"#review-{item.Id} button[value=approve]");
        await Expect(page.Locator("#review-count")).ToHaveTextAsync("0 items need a reviewer.");
        var reviews = await server.Store.ReviewsOfAsync(item.Id);
        Assert.Equal(("rev", "approve", "card_arrival", "the card was ordered, not lost"), (reviews.Single().Reviewer, reviews.Single().Decision, reviews.Single().Label, reviews.Single().Comment));

        await page.GotoAsync("/dashboard");
        await Expect(page.Locator("#people")).ToContainTextAsync("bob");
        await BrowserFixture.ScreenshotAsync(page, "dashboard.png");
    }

    /// <summary>Selects a word of the item's text as a person would with the mouse.</summary>
    private static Task Select(IPage page, string word) =>
        page.EvaluateAsync("""
            (word) => {
              const box = document.getElementById('text');
              const walker = document.createTreeWalker(box, NodeFilter.SHOW_TEXT);
              for (let n = walker.nextNode(); n; n = walker.nextNode()) {
                const at = n.textContent.indexOf(word);
                if (at >= 0 && n.parentElement === box) {
                  const r = document.createRange(); r.setStart(n, at); r.setEnd(n, at + word.length);
                  const s = window.getSelection(); s.removeAllRanges(); s.addRange(r); return;
                }
              }
              throw new Error('no free text ' + word);
            }
            """, word);
}
