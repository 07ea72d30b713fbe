namespace Winnow.Core.Steps;

/// <summary>
/// Marks a per-record step that only rewrites texts (<c>normalize</c>, <c>pii.redact</c>): the run writes it with its
/// options to <c>text_steps.json</c>, so that prediction can give a model the text as it looked in training
/// (<see cref="Running.TextSteps"/>).
/// </summary>
public interface IReplayableTextStep : IRecordStep;
