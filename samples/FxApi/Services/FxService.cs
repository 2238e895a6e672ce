using System.Runtime.CompilerServices;
using System.Text.Json;
using FxApi.Contracts;
using FxApi.Data;
using FxApi.Domain;
using FxApi.Errors;
using FxApi.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace FxApi.Services;

/// <summary>
/// Rates: the latest and the history of a pair, conversions (direct, inverse, or cross through the
/// pivot currency), bulk upserts in one transaction, and syncs from the remote rate provider.
/// </summary>
public sealed class FxService(FxDbContext db, RateProviderClient provider, IOptions<FxApiOptions> options, ILogger<FxService> logger)   // hit
{
    private readonly string _pivot = options.Value.PivotCurrency.ToUpperInvariant();                // hit

    public async Task<RateDto?> GetLatestAsync(string? baseCurrency, string? quoteCurrency, CancellationToken ct)
    {
        var pair = CurrencyPair.From(baseCurrency, quoteCurrency);                                  // hit
        var latest = await db.Rates.AsNoTracking().ForPair(pair).OrderByDescending(r => r.Date).FirstOrDefaultAsync(ct);  // hit
        return latest?.ToDto();                                                                     // hit br=2/2
    }

    /// <summary>Validates at once, then streams the stored days of the range in date order.</summary>
    public IAsyncEnumerable<RateDto> GetHistory(string? baseCurrency, string? quoteCurrency, DateOnly from, DateOnly to, CancellationToken ct)
    {
        var pair = CurrencyPair.From(baseCurrency, quoteCurrency);                                  // hit
        if (from > to)                                                                              // hit br=2/2
            throw new ValidationFailedException("to", "must not be before 'from'");                 // hit
        return StreamHistoryAsync(pair, from, to, ct);                                              // hit
    }

    private async IAsyncEnumerable<RateDto> StreamHistoryAsync(CurrencyPair pair, DateOnly from, DateOnly to, [EnumeratorCancellation] CancellationToken ct)
    {
        var days = db.Rates.AsNoTracking().ForPair(pair).Between(from, to).OrderBy(r => r.Date).AsAsyncEnumerable();  // hit
        await foreach (var day in days.WithCancellation(ct))                                        // hit br=2/2
            yield return day.ToDto();                                                               // hit
    }

    public async Task<ConversionDto> ConvertAsync(string? from, string? to, decimal amount, CancellationToken ct)
    {
        var pair = CurrencyPair.From(from, to, "from", "to");                                       // hit
        if (amount < 0)                                                                             // hit br=2/2
            throw new ValidationFailedException("amount", "must not be negative");                  // hit
        var quote = await QuoteAsync(pair, ct) ?? throw new RateNotFoundException(pair);            // hit br=2/2
        return new ConversionDto(pair.Base, pair.Quote, amount, decimal.Round(quote.Rate, 6), decimal.Round(amount * quote.Rate, 2), quote.Route);  // hit
    }

    /// <summary>The latest rate for the pair: stored, inverted, or crossed through the pivot currency.</summary>
    private async Task<RateQuote?> QuoteAsync(CurrencyPair pair, CancellationToken ct)
    {
        if (pair.IsIdentity)                                                                        // hit br=2/2
            return new RateQuote(1m, RateRoute.Identity);                                           // hit
        if (await LatestRateAsync(pair, ct) is { } direct)                                          // hit br=2/2
            return new RateQuote(direct, RateRoute.Direct);                                         // hit
        if (await LatestRateAsync(pair.Inverse, ct) is { } inverse)                                 // hit br=2/2
            return new RateQuote(1m / inverse, RateRoute.Inverse);                                  // hit
        if (pair.Base == _pivot || pair.Quote == _pivot)                                            // hit br=4/4
            return null;                                                                            // hit
        if (await QuoteAsync(pair with { Quote = _pivot }, ct) is not { } toPivot)                  // hit br=2/2
            return null;                                                                            // hit
        if (await QuoteAsync(pair with { Base = _pivot }, ct) is not { } fromPivot)                 // hit br=1/2
            return null;                                                                            // miss
        return new RateQuote(toPivot.Rate * fromPivot.Rate, RateRoute.Cross);                       // hit
    }

    private Task<decimal?> LatestRateAsync(CurrencyPair pair, CancellationToken ct) =>
        db.Rates.ForPair(pair).OrderByDescending(r => r.Date).Select(r => (decimal?)r.Rate).FirstOrDefaultAsync(ct);  // hit

    /// <summary>
    /// Inserts or replaces every rate, or none: each is validated and saved inside one transaction,
    /// so an invalid entry rolls back the ones before it.
    /// </summary>
    public async Task<UpsertResult> UpsertRatesAsync(IReadOnlyList<RateUpsert>? rates, CancellationToken ct)
    {
        if (rates is null or [])                                                                    // hit br=4/4
            throw new ValidationFailedException("rates", "at least one rate is required");          // hit
        await using var transaction = await db.Database.BeginTransactionAsync(ct);                  // hit
        var inserted = 0;                                                                           // hit
        for (var i = 0; i < rates.Count; i++)                                                       // hit br=2/2
        {
            var (pair, date, value) = ReadUpsert(rates[i], $"rates[{i}]");                          // hit
            var stored = await db.Rates.ForPair(pair).SingleOrDefaultAsync(r => r.Date == date, ct);  // hit
            if (stored is null)                                                                     // hit br=2/2
            {
                db.Rates.Add(new FxRate { Base = pair.Base, Quote = pair.Quote, Date = date, Rate = value });  // hit
                inserted++;                                                                         // hit
            }
            else
            {
                stored.Rate = value;                                                                // hit
            }
            await db.SaveChangesAsync(ct);                                                          // hit
        }
        await transaction.CommitAsync(ct);                                                          // hit
        return new UpsertResult(inserted, rates.Count - inserted);                                  // hit
    }

    private static (CurrencyPair Pair, DateOnly Date, decimal Rate) ReadUpsert(RateUpsert upsert, string field)
    {
        var pair = CurrencyPair.From(upsert.Base, upsert.Quote, $"{field}.base", $"{field}.quote");  // hit
        var date = upsert.Date ?? throw new ValidationFailedException($"{field}.date", "is required");  // hit br=2/2
        if (upsert.Rate is not > 0m)                                                                // hit br=2/2
            throw new ValidationFailedException($"{field}.rate", "must be a positive number");      // hit
        return (pair, date, upsert.Rate.Value);                                                     // hit
    }

    /// <summary>Fetches the provider's latest rates for a base currency and upserts the supported ones.</summary>
    public async Task<SyncResult> SyncAsync(string? baseCurrency, CancellationToken ct)
    {
        var code = Currencies.Require(baseCurrency, "base");                                        // hit
        var snapshot = await FetchAsync(code, ct);                                                  // hit
        var upserts = snapshot.Rates.Where(r => Currencies.IsSupported(r.Key)).Select(r => new RateUpsert(code, r.Key, snapshot.Date, r.Value)).ToList();  // hit
        var result = await UpsertRatesAsync(upserts, ct);                                           // hit
        logger.LogInformation("Synced {Count} {Base} rates of {Date} from the provider", upserts.Count, code, snapshot.Date);  // hit
        return new SyncResult(code, snapshot.Date, result.Inserted, result.Updated);                // hit
    }

    /// <summary>One call to the provider; each way it can fail becomes a <see cref="RateProviderException"/> (502).</summary>
    private async Task<ProviderSnapshot> FetchAsync(string baseCurrency, CancellationToken ct)
    {
        try
        {
            return await provider.GetLatestAsync(baseCurrency, ct) ?? throw new RateProviderException("The rate provider answered null instead of rates.");  // hit br=1/2
        }
        catch (HttpRequestException e)   // hit
        {
            throw new RateProviderException($"The rate provider failed: {e.Message}", e);           // hit
        }
        catch (TaskCanceledException e) when (!ct.IsCancellationRequested)                          // hit br=2/2
        {
            throw new RateProviderException("The rate provider did not answer in time.", e);        // hit
        }
        catch (JsonException e)   // miss
        {
            throw new RateProviderException($"The rate provider answered something that is not rate JSON: {e.Message}", e);  // miss
        }
    }
}
