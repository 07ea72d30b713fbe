using Winnow.Core.Running;

namespace Winnow.Cli.Commands;

/// <summary>
/// Train/predict skew: <c>train</c> copies the <c>text_steps.json</c> of the run that wrote its training data into the
/// model folders it saves; <c>predict</c> and <c>eval</c> apply it to their texts unless told <c>--raw</c>, so the model
/// sees at prediction what it saw in training (normalised, <c>&lt;PHONE&gt;</c> for a phone number, …).
/// </summary>
internal static class ModelTextSteps
{
    /// <summary>After training: the run's text steps into <paramref name="output"/> and its <c>final/</c> and <c>best/</c>.</summary>
    public static void CopyFromData(string trainData, string output)
    {
        if (TextSteps.FindForData(trainData) is not { } file) return;
        foreach (var dir in new[] { output, Path.Combine(output, "final"), Path.Combine(output, "best") })
            if (Directory.Exists(dir)) File.Copy(file, Path.Combine(dir, TextSteps.FileName), overwrite: true);
        Console.Error.WriteLine($"text steps of the training data ({file}) saved with the model: predict and eval apply them");
    }

    /// <summary>A model derived from another (<c>merge</c>) reads texts as it did: its text steps go with it.</summary>
    public static void CopyModel(string fromDir, string toDir)
    {
        var file = Path.Combine(fromDir, TextSteps.FileName);
        if (File.Exists(file)) File.Copy(file, Path.Combine(toDir, TextSteps.FileName), overwrite: true);
    }

    /// <summary>The model's text steps as a function, or null (none, or <paramref name="raw"/>); says which it applies.</summary>
    public static Func<string, string>? For(string modelDir, bool raw)
    {
        var file = Path.Combine(modelDir, TextSteps.FileName);
        if (!File.Exists(file)) return null;
        if (raw)
        {
            Console.Error.WriteLine($"--raw: not applying the training data's text steps ({file})");
            return null;
        }
        var (apply, names) = TextSteps.Load(file, Composition.Steps());
        Console.Error.WriteLine($"applying the training data's text steps ({string.Join(", ", names)}) from {file}; --raw to skip");
        return apply;
    }
}
