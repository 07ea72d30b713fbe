using System.ComponentModel.DataAnnotations;

namespace Winnow.Annotation.LabelIssues;

/// <summary>Options of <c>annotate.label_issues</c>.</summary>
public sealed record LabelIssuesOptions
{
    /// <summary>
    /// <c>flag</c> (default): keep every record; write <c>meta.label_issue</c> (true/false), <c>meta.suggested_label</c>
    /// and <c>meta.label_quality</c> on every labelled record, and on issues <c>meta.label_issue_kind</c>
    /// (<c>label</c> or <c>outlier</c>) and <c>meta.outlier_score</c>. <c>drop</c>: drop issues (reason
    /// <c>label_issue</c> or <c>outlier</c>). <c>relabel</c>: take the suggested label when its probability reaches
    /// <see cref="RelabelThreshold"/> (the old one kept in <c>meta.original_label</c>), drop the other label issues and
    /// every outlier (no class fits a text that belongs to none).
    /// </summary>
    [AllowedValues("flag", "drop", "relabel")] public string Mode { get; init; } = "flag";

    /// <summary>Out-of-fold probability the suggested label needs for <c>relabel</c>. Default 0.5 (more likely than all others together).</summary>
    [Range(0.0, 1.0)] public double RelabelThreshold { get; init; } = 0.5;

    /// <summary>
    /// For <c>relabel</c>, also require that the suggested label reaches its own confident-learning threshold t_j (the
    /// mean probability of that class among the records given it: the example is confidently in that class, as the
    /// confident joint counts it); label issues that do not are dropped. Default true: a probability of 0.5 is not
    /// confidence in a class whose own records average more; on the noisy banking77 bench it cut wrong relabels under
    /// systematic noise (recovered 0.66 → 0.72) and changed little under random noise (0.83 → 0.84).
    /// </summary>
    public bool RelabelConfident { get; init; } = true;

    /// <summary>Cross-validation folds. Default 5 (cleanlab's <c>cv_n_folds</c>).</summary>
    [Range(2, 50)] public int Folds { get; init; } = 5;

    /// <summary>
    /// <c>auto</c> (default): <c>prune_by_noise_rate</c> in <c>flag</c> mode and <c>predicted_neq_given</c> in
    /// <c>drop</c> and <c>relabel</c> (<see cref="Filter"/>). Or one of <see cref="ConfidentLearning"/>'s filters:
    /// <c>prune_by_noise_rate</c> (cleanlab's <c>filter_by</c> default), <c>confident_learning</c>,
    /// <c>low_self_confidence</c> / <c>low_normalized_margin</c> (cleanlab's ranking filters: the estimated number of
    /// issues, lowest scores first) or <c>predicted_neq_given</c> (every record whose most probable class is not its label).
    /// </summary>
    [AllowedValues("auto", "prune_by_noise_rate", "confident_learning", "low_self_confidence", "low_normalized_margin", "predicted_neq_given")]
    public string FilterBy { get; init; } = "auto";

    /// <summary>
    /// The filter in effect. <c>auto</c> picks by what the flags are for. Flags that people review should be precise
    /// (their time): <c>prune_by_noise_rate</c>, which takes only as many as the confident joint estimates. Records a
    /// model then trains on should be caught however they can: a dropped right record costs the model little, a wrong
    /// label left in costs it more (on the noisy banking77 bench a probe scores 0.928 trained on the clean data, 0.922
    /// on the noisy data without its 1,914 wrong records, 0.874 with them), so <c>drop</c> and <c>relabel</c> take
    /// every record the out-of-sample model disagrees with (<c>predicted_neq_given</c>), the widest of the filters.
    /// That holds with plenty of records per class; with a few dozen a dropped record is not cheap (the bench's 2,000-query
    /// sample recovers less than with <c>prune_by_noise_rate</c>), and the README says to set the filter then.
    /// </summary>
    public string Filter() => FilterBy != "auto" ? FilterBy : Mode == "flag" ? "prune_by_noise_rate" : "predicted_neq_given";

    /// <summary>
    /// A <c>winnow train</c> model folder (relative to the recipe) whose probabilities are used instead of the
    /// cross-validated logistic regression on MiniLM embeddings. Default: none. Its probabilities are in-sample when it
    /// was trained on these records, which hides errors it memorised; prefer the default then.
    /// </summary>
    public string? Model { get; init; }

    /// <summary>
    /// Where the out-of-sample probabilities come from: <c>logistic</c> (k-fold logistic regression on the embeddings),
    /// <c>knn</c> (leave-one-out similarity-weighted votes of the <see cref="K"/> nearest records) or <c>ensemble</c>
    /// (their average). Default <c>ensemble</c>: measured best on the noisy banking77 bench (bench/annotate-label-issues).
    /// </summary>
    [AllowedValues("logistic", "knn", "ensemble")] public string Probabilities { get; init; } = "ensemble";

    /// <summary>
    /// Rounds of finding: after each, confidently relabelled records keep their new label and the other issues leave
    /// the training data, and the probabilities are computed again on what is left (the cleaner data finds more).
    /// Default 1.
    /// </summary>
    [Range(1, 5)] public int Rounds { get; init; } = 1;

    /// <summary>Neighbours for <c>knn</c> and <c>ensemble</c>. Default 10.</summary>
    [Range(1, 1000)] public int K { get; init; } = 10;

    /// <summary>Passes of the logistic regression over the data. Default 30.</summary>
    [Range(1, 1000)] public int Epochs { get; init; } = 30;

    /// <summary>Ridge penalty of the logistic regression. Default 1e-4.</summary>
    [Range(0.0, 10.0)] public double L2 { get; init; } = 1e-4;

    /// <summary>
    /// Choose the ridge penalty per run from 1e-4, 1e-3, 1e-2, 3e-2, 1e-1 by the log-loss of the given labels on a
    /// held-out fold (<see cref="Classifiers.OutOfFold.SelectL2"/>), instead of <see cref="L2"/>. Default false: on the
    /// noisy banking77 bench it picks 1e-2, which raises out-of-fold accuracy but lowers what cleaning recovers.
    /// </summary>
    public bool ChooseL2 { get; init; }

    /// <summary>
    /// Out-of-distribution records (<see cref="OutOfDistribution"/>): <c>knn</c> (default): average cosine distance to
    /// the <see cref="K"/> nearest records, an outlier above cleanlab's fence; <c>none</c>: not looked for.
    /// </summary>
    [AllowedValues("knn", "none")] public string Outliers { get; init; } = "knn";

    /// <summary>cleanlab's outlier threshold t: outliers score above Q3 + (1/t − 1)·IQR. Default 0.37037 (cleanlab's).</summary>
    [Range(0.0, 1.0)] public double OutlierThreshold { get; init; } = OutOfDistribution.DefaultThreshold;

    /// <summary>
    /// Cosine similarity at which two records count as near-duplicates: a group is scored as one (one fold, never each
    /// other's neighbour), so a copy of a wrong label does not vouch for it. Default 1 (off): on the noisy banking77
    /// bench 0.95 also joins genuine paraphrases of an intent, takes their support away and lowers what cleaning recovers.
    /// </summary>
    [Range(0.0, 1.0)] public double DuplicateSimilarity { get; init; } = 1;

    /// <summary>Memory for embeddings while planning, in MB (1.5 KB per record). Default 2048.</summary>
    [Range(1, 1_000_000)] public int MemoryMb { get; init; } = 2048;
}
