using System.CommandLine;
using Winnow.Server.Store;

namespace Winnow.Cli.Commands.Annotate;

/// <summary>
/// <c>winnow annotate users add NAME [--role annotator|reviewer|admin] [--db DB]</c> prints the person's
/// personal token once (the store keeps only its hash); <c>winnow annotate users list</c>.
/// </summary>
internal static class AnnotateUsersCommand
{
    public static Command Create()
    {
        var users = new Command("users", "People who may sign in to the labelling app.");

        var db = AnnotateCommand.DbOption();
        var name = new Argument<string>("name") { Description = "The person's name (1–64 characters)." };
        var role = new Option<string>("--role")
        {
            Description = "annotator (labels its queue), reviewer (also reviews, searches, bulk-labels, sees the dashboard) or admin (also manages people). Default annotator.",
            DefaultValueFactory = _ => Roles.Annotator,
        };
        var add = new Command("add", "Add a person and print their personal token (shown once).") { name, role, db };
        add.SetAction(parse => CommandGuard.Run(() =>
        {
            var store = LabelStore.OpenAsync(parse.GetValue(db)!).GetAwaiter().GetResult();
            var (who, token) = store.AddAnnotatorAsync(parse.GetValue(name)!, parse.GetValue(role)!).GetAwaiter().GetResult();
            Console.Error.WriteLine($"added {who.Name} ({who.Role}) to {store.Location.Display}; their personal token (shown once, keep it secret):");
            Console.WriteLine(token);
            return 0;
        }));

        var listDb = AnnotateCommand.DbOption();
        var list = new Command("list", "List people, their roles and whether they are active.") { listDb };
        list.SetAction(parse => CommandGuard.Run(() =>
        {
            var store = LabelStore.OpenAsync(parse.GetValue(listDb)!).GetAwaiter().GetResult();
            foreach (var a in store.AnnotatorsAsync().GetAwaiter().GetResult())
                Console.WriteLine($"{a.Name}\t{a.Role}\t{(a.Active ? "active" : "inactive")}");
            return 0;
        }));

        users.Subcommands.Add(add);
        users.Subcommands.Add(list);
        return users;
    }
}
