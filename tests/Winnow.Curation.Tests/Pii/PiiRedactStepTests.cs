using System.Collections.Immutable;
using Winnow.Core.Records;
using Winnow.Curation.Pii;
using Winnow.Curation.Tests.Quality;

namespace Winnow.Curation.Tests.Pii;

public sealed class PiiRedactStepTests
{
    private static Core.Steps.Outcome Apply(PiiRedactOptions o, Record r) => new PiiRedactStep(o).Apply(r, 0);

    [Fact]
    public void Apply_Replace_PutsTokensCountsInMetaAndTypesInProvenance()
    {
        var outcome = Apply(new PiiRedactOptions(), Rec.Text("Mail john.doe@example.com or call +44 20 7946 0958 or +1 415 555 0132."));
        var kept = outcome.Kept!;
        Assert.Equal("Mail <EMAIL> or call <PHONE> or <PHONE>.", kept.Text);
        Assert.Equal("""{"email":1,"phone":2}""", kept.Meta["pii"].GetRawText());
        Assert.Equal("pii.redact email,phone", Assert.Single(kept.Provenance.Steps));
    }

    [Fact]
    public void Apply_NoPii_KeepsTheSameRecord()
    {
        var record = Rec.Text("Why has my card not arrived after 2 weeks?");
        Assert.Same(record, Apply(new PiiRedactOptions(), record).Kept);
    }

    [Fact]
    public void Apply_Drop_DropsWithCountsInDetail()
    {
        var outcome = Apply(new PiiRedactOptions { Mode = "drop" }, Rec.Text("card 4111 1111 1111 1111, mail a@example.com, b@example.com"));
        Assert.Equal("pii", outcome.DropReason);
        Assert.Equal("credit_card=1,email=2", outcome.DropDetail);
    }

    [Fact]
    public void Apply_Chat_RedactsEveryTurnAndCountsAcrossThem()
    {
        var chat = new Record
        {
            Id = "c",
            Messages = [new ChatMessage("user", "my IBAN is GB82 WEST 1234 5698 7654 32"), new ChatMessage("assistant", "Thanks, write to help@example.com")],
        };
        var kept = Apply(new PiiRedactOptions(), chat).Kept!;
        Assert.Equal(["my IBAN is <IBAN>", "Thanks, write to <EMAIL>"], kept.Messages.Select(m => m.Content));
        Assert.Equal("""{"email":1,"iban":1}""", kept.Meta["pii"].GetRawText());
        Assert.Equal("pii.redact email,iban", kept.Provenance.Steps.Single());
    }

    [Fact]
    public void Apply_TypesSubset_LeavesOtherTypes()
    {
        var kept = Apply(new PiiRedactOptions { Types = [PiiTypes.Email] }, Rec.Text("a@example.com 192.168.1.1")).Kept!;
        Assert.Equal("<EMAIL> 192.168.1.1", kept.Text);
    }

    [Fact]
    public void Apply_EntropyOff_StillFindsKnownKeyShapes()
    {
        var o = new PiiRedactOptions { MinEntropy = null };
        Assert.Equal("key <SECRET> and Xk9mP2qR7vL4nW8sT1yB6zC3dF5gH0jKa",
            Apply(o, Rec.Text("key AKIAIOSFODNN7EXAMPLE and Xk9mP2qR7vL4nW8sT1yB6zC3dF5gH0jKa")).Kept!.Text);
    }

    [Fact]
    public void Apply_PasswordUrl_WinsOverTheEmailInside() =>
        Assert.Equal("use <URL_CREDENTIALS> now", Apply(new PiiRedactOptions(), Rec.Text("use https://admin:hunter2@db.example.com/x now")).Kept!.Text);

    [Fact]
    public void Validate_UnknownType_NamesTheValidOnes() =>
        Assert.Contains(new PiiRedactOptions { Types = ["mail"] }.Validate(), p => p.Key == "types" && p.Problem.Contains("email"));

    [Fact]
    public void Scan_LongAdversarialText_StaysLinear()
    {
        // 200 KB each of digit groups, one long token, and hex with colons: no pattern may backtrack quadratically.
        var rng = new Random(7);
        var digits = string.Join(" ", Enumerable.Range(0, 40_000).Select(_ => rng.Next(0, 99_999).ToString()));
        var token = new string(Enumerable.Range(0, 200_000).Select(_ => "aB3/+"[rng.Next(5)]).ToArray());
        var hex = string.Join(":", Enumerable.Range(0, 40_000).Select(_ => rng.Next(0, 0xffff).ToString("x")));
        var scanner = new PiiScanner(new PiiRedactOptions());
        var watch = System.Diagnostics.Stopwatch.StartNew();
        foreach (var text in new[] { digits, token, hex, digits + "@" + hex }) scanner.Scan(text);
        // A guard against catastrophic backtracking (minutes on these inputs), not a speed target: the bound is loose
        // so that a machine busy with other builds does not fail it (8 s seen under load 40).
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(60), $"{watch.Elapsed.TotalSeconds:F1} s");
    }

    [Theory]
    [InlineData("4111111111111111", true)]
    [InlineData("4111111111111112", false)]
    [InlineData("378282246310005", true)]
    public void Luhn_PublishedTestNumbers(string digits, bool valid) => Assert.Equal(valid, Checksums.Luhn(digits));

    [Theory]
    [InlineData("GB82WEST12345698765432", true)]
    [InlineData("GB82WEST12345698765433", false)]
    public void IbanMod97_RegistryExample(string iban, bool valid) => Assert.Equal(valid, Checksums.IbanMod97(iban));

    [Fact]
    public void Scan_Banking77_FindsAlmostNothing()
    {
        // Customer queries about cards and transfers: amounts, dates and card endings, no personal data.
        var scanner = new PiiScanner(new PiiRedactOptions());
        var records = BundledData.Banking77();
        var flagged = records.Count(r => scanner.Scan(r.Text!).Count > 0);
        Assert.True(flagged == 0, $"{flagged} of {records.Count} banking77 queries flagged");
    }

    [Fact]
    public void Scan_SmsSpam_NoSecretsInMessages()
    {
        var scanner = new PiiScanner(new PiiRedactOptions { Types = [PiiTypes.Secret] });
        Assert.DoesNotContain(BundledData.SmsSpam(), r => scanner.Scan(r.Text!).Count > 0);
    }

    [Fact]
    public void Scan_SmsSpam_FindsThePremiumRateNumbersInSpam()
    {
        var scanner = new PiiScanner(new PiiRedactOptions { Types = [PiiTypes.Phone] });
        var records = BundledData.SmsSpam();
        var spamWithPhone = records.Count(r => r.Label == "spam" && scanner.Scan(r.Text!).Count > 0);
        var hamWithPhone = records.Count(r => r.Label == "ham" && scanner.Scan(r.Text!).Count > 0);
        // 747 spam messages, about half of which ask to call an 08/09 number (387 found); ham rarely holds one (1 found).
        Assert.InRange(spamWithPhone, 370, 747);
        Assert.InRange(hamWithPhone, 0, 5);
    }
}
