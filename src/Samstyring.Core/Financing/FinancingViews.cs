using Samstyring.Core.Solutions;

namespace Samstyring.Core.Financing;

public sealed record ModelSummary(int Id, int Year, int Number, string Name, bool IsScenario, PriceModelStatus Status, int? BasedOnId,
    string Note, bool IsDemo, int Version)
{
    public bool IsPublic => Status is PriceModelStatus.Adopted or PriceModelStatus.Replaced;
}

public sealed record StepView(int Id, PriceModelStatus Step, DateOnly On, int? CaseId, string? CaseNumber, string? CaseTitle, string? Reference,
    string RecordedBy, DateTime RecordedAt);

/// <summary>One actor in a share's key: its weight and amount, and its municipality number when it is a municipality.</summary>
public sealed record KeyEntryView(int OrganizationId, string OrganizationName, long Weight, long AmountOre, string? MunicipalityNumber = null);

/// <summary>A group's share of a solution in a model: the percent, the amount, the key and every actor's part.</summary>
public sealed record ShareView(PayerGroup Group, int BasisPoints, DistributionKey Key, DateOnly? PopulationOn, CollectionMethod Collection,
    long AmountOre, long TotalWeight, IReadOnlyList<KeyEntryView> Actors);

public sealed record CostBasisView(int SolutionId, string SolutionKey, string SolutionName, int Year,
    long ManagementOre, long OperationOre, long DevelopmentOre, long InvestmentOre,
    long? ActualRunningOre, long? ActualInvestmentOre, long? TbuOre, string? TbuRecordedBy, DateTime? TbuRecordedAt,
    long? PriceWageGrowthOre, long? VolumeOre, long? NewFunctionsOre,
    /// <summary>Last year's allocated figure, and what the three kinds of change leave unexplained (null without last year).</summary>
    long? PreviousOre, long? UnexplainedOre,
    string Note, bool IsDemo, int Version)
{
    public long RunningOre => ManagementOre + OperationOre + DevelopmentOre;
    public long BudgetOre => RunningOre + InvestmentOre;
    public long AllocatedOre => TbuOre ?? BudgetOre;
}

public sealed record SolutionShares(int SolutionId, string Key, string Name, FinancingModel? FinancingModel, CostBasisView? Cost,
    long TotalOre, bool FromTbu, IReadOnlyList<ShareView> Shares);

/// <summary>A price model as its page and the API show it. <see cref="NextSteps"/> is empty for scenarios and adopted models.</summary>
public sealed record ModelDetails(ModelSummary Model, string? BasedOnName, IReadOnlyList<StepView> Steps, IReadOnlyList<SolutionShares> Solutions,
    IReadOnlyDictionary<PayerGroup, long> GroupTotals, long TotalOre, IReadOnlyList<string> Problems, IReadOnlyList<PriceModelStatus> NextSteps);

/// <summary>One solution in an actor's bill, with the whole chain: total → group share → key → the actor.</summary>
public sealed record ActorBillLine(int SolutionId, string SolutionKey, string SolutionName, long SolutionTotalOre, bool FromTbu,
    PayerGroup Group, int BasisPoints, long GroupAmountOre, DistributionKey Key, DateOnly? PopulationOn,
    long Weight, long TotalWeight, long AmountOre, CollectionMethod Collection);

/// <summary>An actor's bill in a model, and the change from the adopted model of the year before (null when there is none).</summary>
public sealed record ActorBill(ModelSummary Model, ActorRef Actor, IReadOnlyList<ActorBillLine> Lines, long TotalOre,
    int? PreviousYear, long? PreviousTotalOre);

public sealed record GroupChange(PayerGroup Group, long BaseOre, long OtherOre)
{
    public long ChangeOre => OtherOre - BaseOre;
    public decimal? ChangePercent => BaseOre == 0 ? null : Math.Round((OtherOre - BaseOre) * 100m / BaseOre, 2);
}

public sealed record ActorChange(int OrganizationId, string Name, string? MunicipalityNumber, long BaseOre, long OtherOre)
{
    public long ChangeOre => OtherOre - BaseOre;
    public decimal? ChangePercent => BaseOre == 0 ? null : Math.Round((OtherOre - BaseOre) * 100m / BaseOre, 2);
}

/// <summary>A model compared with another (a scenario or draft with the adopted model): per group and per actor.</summary>
public sealed record ModelComparison(ModelSummary Base, ModelSummary Other, IReadOnlyList<GroupChange> Groups, IReadOnlyList<ActorChange> Actors);

/// <summary>One line of an invoice basis. Co-financing lines name the solution; voluntary purchases the price-list item.</summary>
public sealed record InvoiceLine(int OrganizationId, string OrganizationName, string? OrgNumber, int Year, string SolutionKey, string SolutionName,
    string Description, CollectionMethod Collection, bool Voluntary, long? Quantity, long? UnitPriceOre, long AmountOre);

/// <summary>
/// Fakturagrunnlag for one actor and year: what the supplier invoices (co-financing collected by invoice, and voluntary
/// purchases at full cost), what is deducted from the block grant instead (shown, not invoiced), and the explanation.
/// </summary>
public sealed record InvoiceBasis(int Year, ActorRef Actor, string? OrgNumber, ModelSummary? Model,
    IReadOnlyList<InvoiceLine> Invoiced, IReadOnlyList<InvoiceLine> Deducted, IReadOnlyList<ActorBillLine> Explanation)
{
    public long InvoicedTotalOre => Invoiced.Sum(l => l.AmountOre);
    public long DeductedTotalOre => Deducted.Sum(l => l.AmountOre);
}

/// <summary>One year of a solution's life-cycle cost: the actual figure where the year is closed, else the budget (forecast).</summary>
public sealed record LifeCycleYear(int Year, long BudgetOre, long? ActualOre, bool IsForecast, long CumulativeOre);

public sealed record LifeCycleCost(string SolutionKey, string SolutionName, IReadOnlyList<LifeCycleYear> Years, long HistoryOre, long ForecastOre);

/// <summary>A year in the financing area: its adopted model and, for those who may see them, its drafts and scenarios.</summary>
public sealed record FinancingYearSummary(int Year, ModelSummary? Adopted, IReadOnlyList<ModelSummary> Drafts, IReadOnlyList<ModelSummary> Scenarios,
    int PriceListItems = 0);

public sealed record PriceListView(int Id, int SolutionId, string SolutionKey, string SolutionName, int Year, string Name, string Unit, long UnitPriceOre,
    bool IsDemo, int Version);

public sealed record ServiceOrderView(int Id, int PriceListItemId, string ItemName, string SolutionName, int OrganizationId, string OrganizationName,
    long Quantity, long UnitPriceOre, long AmountOre, DateOnly OrderedOn, string Note, bool IsDemo, int Version);

/// <summary>A row of the open allocation file: one actor's amount of one solution in the adopted model.</summary>
public sealed record AllocationRow(int Year, string SolutionKey, string SolutionName, PayerGroup Group, int BasisPoints, DistributionKey Key,
    CollectionMethod Collection, int OrganizationId, string OrganizationName, string? OrgNumber, long Weight, long TotalWeight, long AmountOre);
