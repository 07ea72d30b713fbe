using System.CommandLine;
using Winnow.Core;
using Winnow.Core.Formats;
using Winnow.Server.Store;

namespace Winnow.Cli.Commands.Annotate;

/// <summary>
/// <c>winnow annotate load FILE [--db DB] [--project NAME] [--labels a,b,…] [--kind label|spans] [--k 1]
/// [--gold FILE] [--gold-every 10] [--format F] [--text FIELD] [--label FIELD] [--id FIELD]</c>: records (with
/// suggestions, label issues and spans from the pipeline) into a labelling project. Loading the same records
/// again adds nothing.
/// </summary>
internal static class AnnotateLoadCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "Records to label: a file, a folder or a glob (any input format)." };
        var db = AnnotateCommand.DbOption();
        var project = AnnotateCommand.ProjectOption("Project name (default: FILE's stem).");
        var labels = new Option<string?>("--labels")
        {
            Description = "The label set (entity types for spans), comma-separated. Default: every label and suggestion the records carry.",
        };
        var kind = new Option<string?>("--kind") { Description = "label (one label per item) or spans (entity spans). Default: spans when the records carry spans." };
        var k = new Option<int>("--k") { Description = "Annotators per item (default 1).", DefaultValueFactory = _ => 1 };
        var gold = new Option<string?>("--gold") { Description = "Records whose label (or spans) is the known answer: mixed into every queue to score annotators." };
        var goldEvery = new Option<int>("--gold-every")
        {
            Description = "Serve a gold item as every Nth item of a queue (default 10 when --gold is given; 0 never).",
            DefaultValueFactory = _ => -1,
        };
        var format = new Option<string?>("--format", "-f") { Description = $"Input format: {string.Join(" | ", FormatRegistry.InputFormats)} (default: from the extension)." };
        var text = new Option<string?>("--text") { Description = "Source field holding the text (default: text)." };
        var label = new Option<string?>("--label") { Description = "Source field holding the label (default: label)." };
        var id = new Option<string?>("--id") { Description = "Source field holding the id (default: id)." };
        var command = new Command("load", "Load records (with suggestions, label issues, spans) into a labelling project of the store.")
        {
            file, db, project, labels, kind, k, gold, goldEvery, format, text, label, id,
        };
        command.SetAction(parse => CommandGuard.Run(() =>
        {
            var path = parse.GetValue(file)!;
            if (parse.GetValue(k) is < 1 or > 100) throw new WinnowException("--k must be 1…100", 2);
            if (parse.GetValue(kind) is { } givenKind && givenKind is not (ProjectKinds.Label or ProjectKinds.Spans))
                throw new WinnowException($"--kind '{givenKind}': valid kinds are label, spans", 2);
            var goldPath = parse.GetValue(gold);
            var every = parse.GetValue(goldEvery) is var e and >= 0 ? e : goldPath is null ? 0 : 10;
            InputSpecFor Spec = p => StatsCommand.Spec(p, parse.GetValue(format), parse.GetValue(text), parse.GetValue(label), parse.GetValue(id), true);
            var items = Read(Spec(path), gold: false);
            var goldItems = goldPath is null ? [] : Read(Spec(goldPath), gold: true);
            var all = items.Concat(goldItems).ToList();
            var spans = parse.GetValue(kind) is { } kk ? kk == ProjectKinds.Spans
                : all.Any(i => i.GoldSpans is not null || i.Suggestions.Any(s => s.Spans is not null));
            var labelSet = parse.GetValue(labels) is { } given
                ? given.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct().ToList()
                : all.SelectMany(i => i.Suggestions.SelectMany(s => (s.Spans?.Select(x => x.Label) ?? []).Append(s.Label)).Append(i.GoldLabel).Concat(i.GoldSpans?.Select(x => x.Label) ?? []))
                    .Where(l => !string.IsNullOrEmpty(l)).Select(l => l!).Distinct().Order(StringComparer.Ordinal).ToList();
            if (labelSet.Count == 0) throw new WinnowException("no labels: the records carry none; give --labels a,b,…", 2);
            if (every > 0 && goldItems.Count == 0) throw new WinnowException("--gold-every needs --gold FILE", 2);

            var store = LabelStore.OpenAsync(parse.GetValue(db)!).GetAwaiter().GetResult();
            var name = parse.GetValue(project) ?? Path.GetFileNameWithoutExtension(path.TrimEnd('/', '*'));
            var p = store.UpsertProjectAsync(name, spans ? ProjectKinds.Spans : ProjectKinds.Label, labelSet, parse.GetValue(k), every).GetAwaiter().GetResult();
            var (added, existing) = store.AddItemsAsync(p, all).GetAwaiter().GetResult();
            Console.Error.WriteLine($"{name}: {added:N0} items added ({goldItems.Count:N0} gold), {existing:N0} already there; " +
                $"{p.Labels.Count} labels, k = {p.K}, kind {p.Kind} → {store.Location.Display}");
            return 0;
        }));
        return command;
    }

    private delegate Core.IO.InputSpec InputSpecFor(string path);

    private static List<NewItem> Read(Core.IO.InputSpec spec, bool gold) =>
        FormatRegistry.ReadAll(spec).Select(i => RecordItems.ToItem(i.Parse(), i.Location, gold)).ToList();
}
