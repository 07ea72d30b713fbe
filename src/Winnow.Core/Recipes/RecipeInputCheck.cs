using Winnow.Core.Formats;

namespace Winnow.Core.Recipes;

/// <summary>
/// Checks a recipe's inputs before any data is read: each path resolves to files (a missing one is a recipe error,
/// exit 2, naming the recipe line and the path it resolved to), and each file's format is named or can be told from
/// its name (else a recipe error at the input's line, with the formats to choose from).
/// </summary>
public static class RecipeInputCheck
{
    public static void Check(Recipe recipe)
    {
        for (var i = 0; i < recipe.Inputs.Count; i++)
        {
            var input = recipe.Inputs[i];
            IReadOnlyList<(string FullPath, string DisplayPath)> files;
            try { files = FormatRegistry.ResolveInputFiles(input.Spec); }
            catch (InputException e)
            {
                var resolved = Path.GetFullPath(Path.Combine(input.Spec.BaseDirectory, input.Spec.Path));
                throw new RecipeException(recipe.File, input.Line, $"inputs[{i}].path", $"{e.Problem}: '{input.Spec.Path}' (resolved to {resolved})");
            }
            if (input.Spec.Format is not null) continue;
            foreach (var (_, display) in files)
                if (!FormatRegistry.TryInferInputFormat(display, out _))
                    throw new RecipeException(recipe.File, input.Line, $"inputs[{i}].format",
                        $"cannot tell the format of '{display}' from its name; add format: ({string.Join(" | ", FormatRegistry.InputFormats)}) " +
                        $"or rename it with one of {string.Join(", ", FormatRegistry.InputExtensions)}");
        }
    }
}
