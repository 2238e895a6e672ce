using FxApi.Domain;

namespace FxApi.Data;

/// <summary>The rate filters the services compose; each stays a plain SQL predicate.</summary>
public static class RateQueries
{
    public static IQueryable<FxRate> ForPair(this IQueryable<FxRate> rates, CurrencyPair pair) =>
        rates.Where(r => r.Base == pair.Base).Where(r => r.Quote == pair.Quote);

    public static IQueryable<FxRate> Between(this IQueryable<FxRate> rates, DateOnly from, DateOnly to) =>
        rates.Where(r => r.Date >= from).Where(r => r.Date <= to);
}
