using System.Collections.Immutable;
using System.Reflection;
using System.Security.Cryptography;
using Xunit;

namespace FlowCover.Tests.Cli;

/// <summary>A strong-named assembly stays loadable and keeps its identity when instrumented.</summary>
public sealed class StrongNameTests
{
    [Fact]
    public void Strong_named_assembly_runs_instrumented_and_is_restored()
    {
        var app = TestApp.Create("Signed", Workload.Source,
            configure: o => o.WithCryptoPublicKey(PublicKeyBlob()).WithPublicSign(true));
        var token = AssemblyName.GetAssemblyName(app.Dll).GetPublicKeyToken();
        Assert.NotEmpty(token!);
        var before = app.Snapshot();
        var flowcover = new FlowCoverProcess();

        var result = flowcover.Run(app.Directory, "run", "--target", app.BinDirectory, "--", "dotnet", app.Dll, "ok");

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Equal(before, app.Snapshot());
        var report = flowcover.Run(app.Directory, "report");
        Assert.Contains("Signed.cs", report.Output);
    }

    /// <summary>A strong-name public key: the CryptoAPI PUBLICKEYBLOB of a new RSA key behind
    /// the signature and hash algorithm ids, as an .snk's public part.</summary>
    private static ImmutableArray<byte> PublicKeyBlob()
    {
        using var rsa = RSA.Create(1024);
        var key = rsa.ExportParameters(includePrivateParameters: false);
        var modulus = key.Modulus!.Reverse().ToArray();
        var exponent = new byte[4];
        key.Exponent!.Reverse().ToArray().CopyTo(exponent, 0);
        var blob = new List<byte>();
        blob.AddRange(BitConverter.GetBytes(0x2400u));
        blob.AddRange(BitConverter.GetBytes(0x8004u));
        blob.AddRange(BitConverter.GetBytes((uint)(20 + modulus.Length)));
        blob.AddRange([0x06, 0x02, 0x00, 0x00]);
        blob.AddRange(BitConverter.GetBytes(0x2400u));
        blob.AddRange("RSA1"u8.ToArray());
        blob.AddRange(BitConverter.GetBytes((uint)modulus.Length * 8));
        blob.AddRange(exponent);
        blob.AddRange(modulus);
        return [.. blob];
    }
}
