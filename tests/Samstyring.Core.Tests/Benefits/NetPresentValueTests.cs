using Samstyring.Core.Benefits;
using Samstyring.Core.Common;

namespace Samstyring.Core.Tests.Benefits;

/// <summary>
/// Net present value with answers worked out by hand. Alternative A costs 100 000 kr in 2022 and brings 60 000 kr in each
/// of 2023 and 2024; at 4 %: −10 000 000 + 6 000 000/1,04 + 6 000 000/1,0816 = −10 000 000 + 5 769 230,77 + 5 547 337,28
/// = 1 316 568,05 øre. Alternative B is A halved.
/// </summary>
public sealed class NetPresentValueTests
{
    private static readonly YearFlow[] A = [new(2022, 10_000_000, 0), new(2023, 0, 6_000_000), new(2024, 0, 6_000_000)];
    private static readonly YearFlow[] B = [new(2022, 5_000_000, 0), new(2023, 0, 3_000_000), new(2024, 0, 3_000_000)];

    [Fact]
    public void Four_percent_discounts_each_year_to_the_first_and_rounds_once_to_whole_ore()
    {
        var r = NetPresentValue.Calculate(A, 400, 2022);
        Assert.Equal(1_316_568, r.NetPresentValueOre);
        Assert.Equal(10_000_000, r.PresentCostOre);
        Assert.Equal(11_316_568, r.PresentBenefitOre);
        Assert.Equal([-10_000_000L, 5_769_231L, 5_547_337L], r.Years.Select(y => y.PresentNetOre));
        Assert.Equal([-10_000_000L, -4_230_769L, 1_316_568L], r.Years.Select(y => y.CumulativeOre));
        Assert.Equal(2024, r.BreakEvenYear);
    }

    [Theory]
    [InlineData(0, 2_000_000)]       // no discounting: 12 000 000 − 10 000 000
    [InlineData(200, 1_649_366)]     // 6 000 000/1,02 + 6 000 000/1,0404 − 10 000 000 = 1 649 365,63
    [InlineData(600, 1_000_356)]     // 6 000 000/1,06 + 6 000 000/1,1236 − 10 000 000 = 1 000 356,00
    [InlineData(1000, 413_223)]      // 6 000 000/1,1 + 6 000 000/1,21 − 10 000 000 = 413 223,14
    public void Other_rates(int basisPoints, long expected) =>
        Assert.Equal(expected, NetPresentValue.Calculate(A, basisPoints, 2022).NetPresentValueOre);

    [Fact]
    public void A_gap_between_years_is_discounted_for_every_year_between()
    {
        // 1 200 000/1,04³ − 1 000 000 = 1 200 000/1,124864 − 1 000 000 = 66 795,63
        var r = NetPresentValue.Calculate([new(2022, 1_000_000, 0), new(2025, 0, 1_200_000)], 400, 2022);
        Assert.Equal(66_796, r.NetPresentValueOre);
        Assert.Equal(2025, r.BreakEvenYear);
    }

    [Fact]
    public void An_alternative_that_never_pays_for_itself_has_no_break_even_year()
    {
        // Costs 20 % up: 11 316 568,05 − 12 000 000 = −683 431,95
        var r = NetPresentValue.Calculate(A, 400, 2022, costFactor: 1.2m);
        Assert.Equal(-683_432, r.NetPresentValueOre);
        Assert.Null(r.BreakEvenYear);
    }

    [Fact]
    public void A_year_that_dips_below_zero_again_moves_the_break_even_year_on()
    {
        // Cumulative at 0 %: +5, −5, +5: only from 2024 does it stay at zero or above.
        var r = NetPresentValue.Calculate([new(2022, 0, 5), new(2023, 10, 0), new(2024, 0, 10)], 0, 2022);
        Assert.Equal(2024, r.BreakEvenYear);
    }

    [Fact]
    public void The_alternatives_are_compared_the_largest_marked_and_the_sensitivity_worked_out()
    {
        var result = NetPresentValue.Evaluate(
            [new AlternativeFlows(2, "Halvparten", B, ["Økt innovasjon"]), new AlternativeFlows(1, "Hele", A, [])], 400);
        Assert.Equal(2022, result.BaseYear);
        Assert.Equal(["Hele", "Halvparten"], result.Alternatives.Select(a => a.Name));
        Assert.Equal([1_316_568L, 658_284L], result.Alternatives.Select(a => a.Result.NetPresentValueOre));
        Assert.Equal([true, false], result.Alternatives.Select(a => a.Largest));
        Assert.Equal(["Økt innovasjon"], result.Alternatives[1].NonValuedEffects);

        var rows = result.Sensitivity.ToDictionary(r => r.Case, r => r.NpvOre);
        Assert.Equal([1_649_366L, 824_683L], rows["Diskonteringsrente 2\u00A0%"]);
        Assert.Equal([1_316_568L, 658_284L], rows["Diskonteringsrente 4\u00A0%"]);
        Assert.Equal([1_000_356L, 500_178L], rows["Diskonteringsrente 6\u00A0%"]);
        Assert.Equal([-683_432L, -341_716L], rows["Kostnader +20\u00A0%"]);
        Assert.Equal([3_316_568L, 1_658_284L], rows["Kostnader −20\u00A0%"]);   // 11 316 568,05 − 8 000 000
        Assert.Equal([3_579_882L, 1_789_941L], rows["Nytte +20\u00A0%"]);       // 13 579 881,66 − 10 000 000
        Assert.Equal([-946_746L, -473_373L], rows["Nytte −20\u00A0%"]);         // 9 053 254,44 − 10 000 000
        Assert.Equal(7, result.Sensitivity.Count);
    }

    [Fact]
    public void A_chosen_rate_outside_two_four_and_six_gets_its_own_row()
    {
        var result = NetPresentValue.Evaluate([new AlternativeFlows(1, "Hele", A, [])], 1000);
        Assert.Equal([200, 400, 600, 1000], result.Sensitivity.Take(4).Select(r => r.RateBasisPoints));
        Assert.Equal(413_223, result.Alternatives[0].Result.NetPresentValueOre);
    }

    [Theory]
    [InlineData("-0.5", "Diskonteringsrenten kan ikke være negativ.")]
    [InlineData("20.01", "Diskonteringsrenten kan ikke være over 20 %.")]
    [InlineData("4.125", "Diskonteringsrenten kan ha høyst to desimaler.")]
    public void A_negative_too_high_or_too_fine_rate_is_refused_in_Norwegian(string percent, string message)
    {
        var v = new Validator();
        Assert.Null(DiscountRate.FromPercent(v, "rate", decimal.Parse(percent, System.Globalization.CultureInfo.InvariantCulture)));
        var e = Assert.Throws<ValidationFailedException>(v.ThrowIfInvalid);
        Assert.Equal(message, Assert.Single(e.Errors["rate"]));
    }

    [Fact]
    public void The_default_rate_is_four_percent_and_four_and_a_half_is_450_basis_points()
    {
        Assert.Equal(400, DiscountRate.Default);
        var v = new Validator();
        Assert.Equal(450, DiscountRate.FromPercent(v, "rate", 4.5m));
        Assert.True(v.IsValid);
    }
}
