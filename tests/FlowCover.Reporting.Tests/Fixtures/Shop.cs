using FlowCover.Data;

namespace FlowCover.Reporting.Tests.Fixtures;

/// <summary>
/// A small hand-made coverage data set with known figures: three source files in two
/// assemblies plus an empty one, with a partial <c>if</c> whose untaken outcome goes to a line
/// that ran (<c>13:false</c>), one that goes to a missed line (left out of Missing), a
/// <c>switch</c>, an untaken way out of a method (<c>37:false</c>), a missed block with a comment in it
/// (<c>43-46</c>) and a generic type. Every figure the tests assert is worked out in the
/// comments here, by hand.
/// </summary>
public static class Shop
{
    /// <summary>
    /// OrderService.cs — statements 12 13 14 15 16 17 22 25 27 31 37 38 43 44 46 (15), missed
    /// 16 27 43 44 46 (5); outcomes 2+2+3+2 = 9, untaken 4 (on 13, 15, 22, 37, each partial);
    /// Cover (10+5)/(15+9) = 62.5%, shown as 62% (half to even, as Python rounds).
    /// </summary>
    public const string OrderService = """
        using System;

        namespace Shop.Services;

        /// <summary>Prices orders.</summary>
        public sealed class OrderService
        {
            private const string Banner = "<script>alert('x')</script>";

            public decimal Price(int quantity, bool member)
            {
                var price = quantity * 9.5m;
                if (member)
                    price *= 0.9m;
                if (quantity > 100)
                    price -= 5m;
                return price;
            }

            public string Describe(int code)
            {
                switch (code)
                {
                    case 1:
                        return "one";
                    case 2:
                        return "two";
                    default:
                        /* never
                           asked */
                        return $"code {code}";
                }
            }

            public void Notify(bool loud)
            {
                if (loud)
                    Console.WriteLine(Banner);
            }

            public void Unused()
            {
                Console.WriteLine(Banner);
                Console.WriteLine("again");
                // a comment between
                Console.WriteLine("and again");
            }
        }

        """;

    /// <summary>Util.cs — one statement, run 4 times: 100%.</summary>
    public const string Util = """
        namespace Shop;

        public static class Util
        {
            public static int Twice(int x) => x * 2;
        }

        """;

    /// <summary>
    /// Repo.cs (assembly Shop.Data) — statements 3 7 8 9 10 (5), missed 10; outcomes 2+2,
    /// untaken 1 (line 7's "done", which would go to the missed line 10); Cover 7/9 = 78%.
    /// </summary>
    public const string Repo = """
        namespace Shop.Data;

        public sealed class Repo<T>(List<T> items)
        {
            public T? Find(Func<T, bool> match)
            {
                foreach (var item in items)
                    if (match(item))
                        return item;
                return default;
            }
        }

        """;

    /// <summary>IClock.cs — an interface: a method with no statements, so an empty file.</summary>
    public const string Clock = """
        namespace Shop;

        public interface IClock
        {
            DateTime Now();
        }

        """;

    /// <summary>Totals: 21 statements, 6 missed, 13 outcomes, 5 untaken, 5 partial lines;
    /// Cover (15+8)/(21+13) = 67.6%, shown as 68%.</summary>
    public static CoverageData Data(string root) => Data(root, null, null);

    /// <summary>The same model with some counters replaced (probe → hits) in the Shop and
    /// Shop.Data modules, for diffs: a later run of the same build.</summary>
    public static CoverageData Data(string root, IReadOnlyDictionary<int, long>? shopChanges, IReadOnlyDictionary<int, long>? dataChanges)
    {
        var shop = new ModuleModel("Shop.1", "Shop", "1", 27,
            [Path.Combine(root, "Services/OrderService.cs"), Path.Combine(root, "Util.cs"), Path.Combine(root, "Contracts/IClock.cs")],
            [
                new MethodModel("Shop.Services.OrderService", "OrderService.Price", 0, 10,
                    [Line(12, 0), Line(13, 1), Line(14, 2), Line(15, 3), Line(16, 4), Line(17, 5)],
                    [Decision(13, (6, "true", 14), (7, "false", 15)), Decision(15, (8, "true", 16), (9, "false", 17))]),
                new MethodModel("Shop.Services.OrderService", "OrderService.Describe", 0, 20,
                    [Line(22, 10), Line(25, 11), Line(27, 12), Line(31, 13)],
                    [Decision(22, (14, "case 1", 25), (15, "case 2", 27), (16, "default", 31))]),
                new MethodModel("Shop.Services.OrderService", "OrderService.Notify", 0, 35,
                    [Line(37, 17), Line(38, 18)],
                    [Decision(37, (19, "true", 38), (20, "false", 0))]),
                new MethodModel("Shop.Services.OrderService", "OrderService.Unused", 0, 41,
                    [Line(43, 21), Line(44, 22), Line(46, 23)], []),
                new MethodModel("Shop.Util", "Util.Twice", 1, 5, [Line(5, 24)], []),
                new MethodModel("Shop.IClock", "IClock.Now", 2, 5, [], []),
            ]);
        long[] shopHits =
        [
            3, 3, 3, 3, 0, 3, 3, 0, 0, 3, // Price: lines 12-17, then 13 true/false, 15 true/false
            3, 2, 0, 1, 2, 0, 1,          // Describe: lines 22 25 27 31, then case 1 / case 2 / default
            1, 1, 1, 0,                   // Notify: lines 37 38, then true / false (exit)
            0, 0, 0,                      // Unused
            4,                            // Util.Twice
            0, 0,                         // spare probes
        ];
        foreach (var (probe, hits) in shopChanges ?? new Dictionary<int, long>())
            shopHits[probe] = hits;
        var data = new ModuleModel("Shop.Data.1", "Shop.Data", "2", 9, [Path.Combine(root, "Data/Repo.cs")],
            [
                new MethodModel("Shop.Data.Repo<T>", "Repo<T>.Repo", 0, 3, [Line(3, 0)], []),
                new MethodModel("Shop.Data.Repo<T>", "Repo<T>.Find", 0, 5,
                    [Line(7, 1), Line(8, 2), Line(9, 3), Line(10, 4)],
                    [Decision(7, (5, "next", 8), (6, "done", 10)), Decision(8, (7, "true", 9), (8, "false", 7))]),
            ]);
        long[] dataHits = [1, 1, 2, 1, 0, 2, 0, 1, 1];
        foreach (var (probe, hits) in dataChanges ?? new Dictionary<int, long>())
            dataHits[probe] = hits;
        return new CoverageData(CoverageData.CurrentVersion, CoverageMode.Count,
            [new ModuleCoverage(shop, shopHits), new ModuleCoverage(data, dataHits)]);
    }

    /// <summary>The analysed result, with names relative to <paramref name="root"/>.</summary>
    public static CoverageResult Result(string root = "/src/shop") => CoverageAnalysis.Analyze(Data(root), root);

    /// <summary>Writes the four source files under <paramref name="root"/>.</summary>
    public static void WriteSources(TempDirectory root)
    {
        root.File("Services/OrderService.cs", OrderService);
        root.File("Util.cs", Util);
        root.File("Data/Repo.cs", Repo);
        root.File("Contracts/IClock.cs", Clock);
    }

    private static LineProbe Line(int line, int probe) => new(line, [probe]);

    private static BranchPoint Decision(int line, params (int Probe, string Label, int Target)[] outcomes) =>
        new(line, outcomes.Select(o => new BranchOutcome([o.Probe], o.Label, o.Target)).ToList());
}
