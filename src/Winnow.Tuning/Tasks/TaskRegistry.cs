using Winnow.Embeddings;
using Winnow.Tuning.Backbones.MiniLm;
using Winnow.Tuning.Tasks.SequenceClassification;
using Winnow.Tuning.Tasks.TokenClassification;
using Winnow.Tuning.Training;

namespace Winnow.Tuning.Tasks;

/// <summary>The recipe's <c>task:</c>. Sequence tasks classify whole texts; the head and loss follow the task.</summary>
public enum TaskKind
{
    /// <summary>One label per text: softmax, cross-entropy.</summary>
    SingleLabel,

    /// <summary>Any number of labels per text (<c>labels</c>): sigmoid per label, binary cross-entropy, threshold 0.5.</summary>
    MultiLabel,

    /// <summary>Named entities: the records' <c>spans</c> as BIO tags on words, entity-level precision, recall and F1.</summary>
    TokenClassification,
}

/// <summary>Task names as recipes and model cards spell them.</summary>
public static class TaskNames
{
    public static string Of(TaskKind kind) => Core.Recipes.YamlBinder.SnakeCase(kind.ToString());

    public static TaskKind Parse(string name)
    {
        foreach (var k in Enum.GetValues<TaskKind>())
            if (Of(k) == name) return k;
        throw new WinnowException($"unknown task '{name}'; valid: {string.Join(", ", Enum.GetValues<TaskKind>().Select(Of))}", 2);
    }
}

/// <summary>Builds the task a recipe names, and the model a saved card describes.</summary>
public static class TaskRegistry
{
    /// <summary>Reads and tokenizes the recipe's data for its task.</summary>
    public static ITuningTask Load(TrainRecipe r, WordPieceTokenizer tokenizer) => r.Task switch
    {
        TaskKind.TokenClassification => TokenClassificationTask.Load(r.Data.Train, r.Data.Eval, r.Data.MaxLength, r.Data.Limit, r.Data.EvalLimit, tokenizer),
        _ => SequenceClassificationTask.Load(r.Data.Train, r.Data.Eval, r.Data.TextField, r.Data.LabelField, r.Data.MaxLength,
            r.Data.Limit, r.Data.EvalLimit, r.Task == TaskKind.MultiLabel, tokenizer),
    };

    /// <summary>A task model with an untrained head of <paramref name="labels"/> outputs.</summary>
    public static TaskModel CreateModel(TaskKind task, BertModel encoder, int labels, double headDropout) => task switch
    {
        TaskKind.TokenClassification => new TokenClassifier(encoder, labels, headDropout),
        _ => new SequenceClassifier(encoder, labels, headDropout),
    };
}
