using Samstyring.Core.Common;

namespace Samstyring.Core.Evaluation;

/// <summary>What a principle set (and an evaluation with it) weighs: proposed target areas, or candidate initiatives for next year's portfolio.</summary>
public enum EvaluationPurpose
{
    [Label("Målområder")] TargetAreas,
    [Label("Tiltak")] Initiatives,
}

/// <summary>Where an evaluation round stands.</summary>
public enum EvaluationStatus
{
    /// <summary>Actors and council members may propose candidates.</summary>
    [Label("Åpen for forslag")] OpenForProposals,
    /// <summary>Proposals are closed; the panel scores.</summary>
    [Label("Under vurdering")] Scoring,
    [Label("Avsluttet")] Closed,
}
