using System.Collections.Generic;
using Sharprun.Toolchain.Inspection;
using Xunit;

namespace Sharprun.Toolchain.Tests.Inspection;

public sealed class UnavailableImportRulesTests
{
    private static readonly HashSet<string> NothingProvided = [];

    [Theory]
    [InlineData("SystemNative_Select", "System.Net.Sockets", "select")]
    [InlineData("SystemNative_ForkAndExecProcess", "System.Diagnostics.Process", "starting processes is not possible")]
    [InlineData("SystemNative_MkDir", "files", "Sharprun.Vfs.Pal was not linked")]
    [InlineData("SystemNative_GetDeviceIdentifiers", "files", "device numbers")]
    [InlineData("SystemNative_INotifyInit", "files", "Sharprun.Vfs.Pal was not linked")]
    [InlineData("SystemNative_SetSignalForBreak", "Console.TreatControlCAsInput", "serial line")]
    [InlineData("SystemNative_GetGroups", "users and groups", "root")]
    [InlineData("CryptoNative_RsaSignHash", "System.Security.Cryptography", "RSA is not available (asymmetric cryptography is not supported yet)")]
    [InlineData("CryptoNative_EvpPKeyCreateRsa", "System.Security.Cryptography", "RSA is not available")]
    [InlineData("CryptoNative_EcDsaSignHash", "System.Security.Cryptography", "ECDsa/ECDiffieHellman")]
    [InlineData("CryptoNative_EcKeyCreateByOid", "System.Security.Cryptography", "ECDsa/ECDiffieHellman")]
    [InlineData("CryptoNative_DsaSign", "System.Security.Cryptography", "DSA is not available")]
    [InlineData("CryptoNative_X509StoreCtxInit", "System.Security.Cryptography", "X.509 certificates")]
    [InlineData("CryptoNative_GetX509NotAfter", "System.Security.Cryptography", "X.509 certificates")]
    [InlineData("CryptoNative_SslDoHandshake", "System.Net.Security", "TLS is not available")]
    [InlineData("CryptoNative_Pkcs7CreateCertificateCollection", "System.Security.Cryptography", "PKCS#7/PKCS#12")]
    [InlineData("CryptoNative_EvpPkeyCreate", "System.Security.Cryptography", "asymmetric keys")]
    [InlineData("CryptoNative_MLDsaSignPure", "System.Security.Cryptography", "post-quantum")]
    [InlineData("CryptoNative_EvpKemEncapsulate", "System.Security.Cryptography", "ML-KEM")]
    [InlineData("CryptoNative_SlhDsaGenerateKey", "System.Security.Cryptography", "SLH-DSA")]
    [InlineData("CompressionNative_Deflate", "System.IO.Compression", "Deflate")]
    [InlineData("BrotliEncoderCompress", "System.IO.Compression", "Brotli")]
    [InlineData("NetSecurityNative_InitSecContext", "System.Net.Security", "GSSAPI")]
    [InlineData("GlobalizationNative_GetLocales", "System.Globalization", "invariant globalization")]
    public void MissingImportsAreReportedWithTheirArea(string entryPoint, string area, string message)
    {
        var classification = ImportClassification.Of(Import(entryPoint), NothingProvided);
        Assert.Equal(ImportStatus.Reported, classification.Status);
        Assert.Equal(area, classification.Area!.Name);
        Assert.Contains(message, classification.Area.Message);
    }

    [Fact]
    public void AProvidedImportIsProvidedEvenWhenARuleNamesIt()
    {
        var classification = ImportClassification.Of(Import("SystemNative_Socket"), new HashSet<string> { "SystemNative_Socket" });
        Assert.Equal(ImportStatus.Provided, classification.Status);
        Assert.Null(classification.Area);
    }

    [Theory]
    [InlineData("CryptoNative_SomethingNew")]
    [InlineData("SystemNative_SocketPair")]
    [InlineData("SystemNative_Read2")]
    [InlineData("")]
    public void ThereIsNoCatchAll(string entryPoint) =>
        Assert.Equal(ImportStatus.Unclassified, ImportClassification.Of(Import(entryPoint), NothingProvided).Status);

    [Fact]
    public void PatternsAreExactNamesOrPrefixes()
    {
        var rule = new ImportRule(new UnavailableArea("a", "m"), ["Exact", "Prefix*"]);
        Assert.True(rule.Matches("Exact"));
        Assert.False(rule.Matches("Exactly"));
        Assert.True(rule.Matches("Prefix"));
        Assert.True(rule.Matches("PrefixAndMore"));
        Assert.False(rule.Matches("Prefi"));
    }

    [Fact]
    public void TheExceptionMessageNamesTheAreaAndTheEntryPoint() =>
        Assert.Equal(
            "System.Net.Sockets: this part of networking is not available (connectx, disconnect, select, sendfile, raw options, the ICMP error queue, multicast membership, Unix domain sockets) (SystemNative_Select is not provided by the Sharprun kernel)",
            UnavailableImportRules.Sockets.ExceptionMessage("SystemNative_Select"));

    private static FrameworkImport Import(string entryPoint) => new(entryPoint, "libSystem.Native", ["System.Private.CoreLib"]);
}
