using System.Collections.Generic;
using System.Linq;

namespace Sharprun.Toolchain.Inspection;

/// <summary>
/// The one list that says, for each framework native import the kernel may not provide, which area of the
/// framework it belongs to and why that area is missing. Reviewed like code: there is no catch-all, so an entry
/// point no rule names is "not yet classified" and fails the build (and the catalogue test) until someone adds it
/// here. Rules are tried in order; the first match wins, so narrower rules come first.
/// </summary>
public static class UnavailableImportRules
{
    private const string NoNetwork = "this part of networking is not available (connectx, disconnect, select, sendfile, raw options, the ICMP error queue, multicast membership, Unix domain sockets)";
    private const string NoAsymmetric = "asymmetric cryptography is not supported yet";

    public static readonly UnavailableArea Sockets = new("System.Net.Sockets", NoNetwork);

    public static readonly IReadOnlyList<ImportRule> All =
    [
        // libSystem.Native
        // The sockets PAL (kernel/Sharprun.Net.Pal) provides the rest of System.Net.Sockets, NameResolution and
        // NetworkInformation's interface list; these are what it refuses, and why.
        Rule(Sockets,
            "SystemNative_Connectx", "SystemNative_Disconnect", "SystemNative_Select", "SystemNative_SendFile",
            "SystemNative_GetRawSockOpt", "SystemNative_SetRawSockOpt", "SystemNative_ReceiveSocketError",
            "SystemNative_GetDomainSocketSizes"),
        Rule(new("System.Net.NetworkInformation", "network change notifications, TCP connection tables and the domain name are not available"),
            "SystemNative_CreateNetworkChangeListenerSocket", "SystemNative_ReadEvents", "SystemNative_MapTcpState", "SystemNative_GetDomainName"),
        // The file PAL (kernel/Sharprun.Vfs.Pal) provides files and directories when the application uses file APIs;
        // these are what it does not provide.
        Rule(new("files", "device numbers are not available (the file systems keep none for device nodes)"),
            "SystemNative_GetDeviceIdentifiers"),
        // An image whose application names no file API gets the empty root (kernel/Sharprun.EmptyRoot.Pal), which
        // answers lookups only: should the framework still reach one of these, it throws.
        Rule(new("files", "the image has no file system: the application uses no file API (File, Directory, FileStream...), so Sharprun.Vfs.Pal was not linked"),
            "SystemNative_MkDir", "SystemNative_RmDir", "SystemNative_Rename", "SystemNative_ChDir", "SystemNative_ChMod",
            "SystemNative_FChMod", "SystemNative_CopyFile", "SystemNative_Link", "SystemNative_SymLink", "SystemNative_MkdTemp",
            "SystemNative_MksTemps", "SystemNative_PWrite", "SystemNative_FSync", "SystemNative_FUTimens", "SystemNative_UTimensat",
            "SystemNative_LockFileRegion", "SystemNative_Access", "SystemNative_MkFifo", "SystemNative_MkNod",
            "SystemNative_LChflags", "SystemNative_FChflags", "SystemNative_PathConf", "SystemNative_PReadV", "SystemNative_PWriteV",
            "SystemNative_RealPath", "SystemNative_GetAllMountPoints", "SystemNative_GetSpaceInfoForMountPoint",
            "SystemNative_GetFileSystemTypeNameForMountPoint", "SystemNative_INotify*"),
        Rule(new("System.IO.MemoryMappedFiles", "memory-mapped files and shared memory are not available yet"),
            "SystemNative_MAdvise", "SystemNative_MSync", "SystemNative_MemfdCreate", "SystemNative_IsMemfdSupported",
            "SystemNative_ShmOpen", "SystemNative_ShmUnlink", "SystemNative_FcntlSetFD"),
        Rule(new("System.IO.Pipes", "pipes are not available (a unikernel runs one process)"),
            "SystemNative_Pipe", "SystemNative_FcntlCanGetSetPipeSz", "SystemNative_FcntlGetPipeSz", "SystemNative_FcntlSetPipeSz",
            "SystemNative_GetPeerID"),
        Rule(new("System.Diagnostics.Process", "starting processes is not possible in a unikernel (there is one process, and no other to inspect)"),
            "SystemNative_ForkAndExecProcess", "SystemNative_Kill", "SystemNative_WaitIdAnyExitedNoHangNoWait", "SystemNative_WaitPidExitedNoHang",
            "SystemNative_RegisterForSigChld", "SystemNative_SetDelayedSigChildConsoleConfigurationHandler",
            "SystemNative_ConfigureTerminalForChildProcess", "SystemNative_GetPriority", "SystemNative_SetPriority",
            "SystemNative_SchedGetAffinity", "SystemNative_SchedSetAffinity", "SystemNative_GetBootTimeTicks"),
        Rule(new("Console.TreatControlCAsInput", "the console is a serial line, not a terminal with a break character"),
            "SystemNative_GetSignalForBreak", "SystemNative_SetSignalForBreak"),
        Rule(new("users and groups", "the only user is root; other users and groups are not available"),
            "SystemNative_GetPwNamR", "SystemNative_GetEGid", "SystemNative_GetGroups", "SystemNative_GetGroupList",
            "SystemNative_GetGroupName", "SystemNative_SetEUid"),
        Rule(new("Console.KeyAvailable", "polling the console for input is not available yet"),
            "SystemNative_StdinReady"),
        Rule(new("OS thread ids", "32-bit OS thread ids are not provided by the kernel yet"),
            "SystemNative_TryGetUInt32OSThreadId"),
        Rule(new("NativeMemory.AlignedAlloc", "aligned native memory is not provided by the kernel yet"),
            "SystemNative_AlignedAlloc", "SystemNative_AlignedFree", "SystemNative_AlignedRealloc"),
        Rule(new("NativeLibrary", "dynamic loading is not supported (a unikernel is one statically linked image)"),
            "SystemNative_GetDefaultSearchOrderPseudoHandle"),
        Rule(new("syslog", "there is no system log (kernel messages go to the kernel console)"),
            "SystemNative_SysLog"),

        // libSystem.Security.Cryptography.Native.OpenSsl: asymmetric algorithms first, by name.
        Rule(new("System.Security.Cryptography", "RSA is not available (" + NoAsymmetric + ")"),
            "CryptoNative_Rsa*", "CryptoNative_EvpPKeyCreateRsa"),
        Rule(new("System.Security.Cryptography", "ECDsa/ECDiffieHellman are not available (" + NoAsymmetric + ")"),
            "CryptoNative_EcDsa*", "CryptoNative_EcKey*", "CryptoNative_GetECCurveParameters", "CryptoNative_GetECKeyParameters",
            "CryptoNative_EvpPKeyGetEc*", "CryptoNative_EvpPkeyGetEcKey", "CryptoNative_EvpPkeySetEcKey",
            "CryptoNative_EvpPKeyDeriveSecretAgreement"),
        Rule(new("System.Security.Cryptography", "DSA is not available (" + NoAsymmetric + ")"),
            "CryptoNative_Dsa*", "CryptoNative_GetDsaParameters", "CryptoNative_EvpPkeyGetDsa", "CryptoNative_EvpPkeySetDsa"),
        Rule(new("System.Security.Cryptography", "post-quantum algorithms (ML-DSA, ML-KEM, SLH-DSA) are not available (" + NoAsymmetric + ")"),
            "CryptoNative_MLDsa*", "CryptoNative_SlhDsa*", "CryptoNative_EvpKem*"),
        Rule(new("System.Net.Security", "TLS is not available"),
            "CryptoNative_Ssl*", "CryptoNative_IsSsl*", "CryptoNative_Tls13Supported", "CryptoNative_EnsureLibSslInitialized",
            "CryptoNative_GetOpenSslCipherSuiteName", "CryptoNative_GetDefaultSignatureAlgorithms"),
        Rule(new("System.Security.Cryptography", "X.509 certificates are not available (" + NoAsymmetric + ")"),
            "CryptoNative_X509*", "CryptoNative_GetX509*", "CryptoNative_DecodeX509*", "CryptoNative_EncodeX509*", "CryptoNative_CheckX509*",
            "CryptoNative_NewX509Stack", "CryptoNative_PushX509StackField", "CryptoNative_ReadX509AsDerFromBio",
            "CryptoNative_RecursiveFreeX509Stack", "CryptoNative_PemReadX509FromBio*", "CryptoNative_PemReadBioX509Crl",
            "CryptoNative_PemWriteBioX509Crl", "CryptoNative_DecodeOcspResponse", "CryptoNative_EncodeOcspRequest",
            "CryptoNative_GetOcspRequestDerSize", "CryptoNative_OcspRequestDestroy", "CryptoNative_OcspResponseDestroy"),
        Rule(new("System.Security.Cryptography", "PKCS#7/PKCS#12 are not available (" + NoAsymmetric + ")"),
            "CryptoNative_Pkcs7*", "CryptoNative_D2IPkcs7Bio", "CryptoNative_DecodePkcs7", "CryptoNative_EncodePkcs7",
            "CryptoNative_GetPkcs7*", "CryptoNative_PemReadBioPkcs7"),
        Rule(new("System.Security.Cryptography", "asymmetric keys are not available (" + NoAsymmetric + ")"),
            "CryptoNative_EvpPKey*", "CryptoNative_EvpPkey*", "CryptoNative_UpRefEvpPkey", "CryptoNative_DecodePkcs8PrivateKey",
            "CryptoNative_EncodePkcs8PrivateKey", "CryptoNative_GetPkcs8PrivateKeySize", "CryptoNative_DecodeSubjectPublicKeyInfo",
            "CryptoNative_EncodeSubjectPublicKeyInfo", "CryptoNative_GetSubjectPublicKeyInfoSize", "CryptoNative_LoadKeyFromProvider",
            "CryptoNative_LoadPrivateKeyFromEngine", "CryptoNative_LoadPublicKeyFromEngine", "CryptoNative_IsSignatureAlgorithmAvailable"),
        Rule(new("System.Security.Cryptography", "this symmetric cipher (AES, DES, 3DES, RC2, ChaCha20-Poly1305) is not available yet"),
            "CryptoNative_EvpAes*", "CryptoNative_EvpDes*", "CryptoNative_EvpRC2*", "CryptoNative_EvpChaCha20Poly1305", "CryptoNative_EvpCipher*"),
        Rule(new("System.Security.Cryptography", "this hash algorithm (MD5, SHA-1, SHA-2, SHA-3, SHAKE) is not available yet"),
            "CryptoNative_EvpMd5", "CryptoNative_EvpSha*", "CryptoNative_EvpShake*", "CryptoNative_EvpDigest*", "CryptoNative_EvpMdCtx*",
            "CryptoNative_EvpMdSize", "CryptoNative_GetMaxMdSize"),
        Rule(new("System.Security.Cryptography", "HMAC and KMAC are not available yet"),
            "CryptoNative_Hmac*", "CryptoNative_EvpMac*"),
        Rule(new("System.Security.Cryptography", "key derivation (PBKDF2, HKDF, SP 800-108) is not available yet"),
            "CryptoNative_Pbkdf2", "CryptoNative_Hkdf*", "CryptoNative_KbkdfHmacOneShot", "CryptoNative_EvpKdf*"),
        Rule(new("System.Security.Cryptography.RandomNumberGenerator", "cryptographic random numbers are not available yet"),
            "CryptoNative_GetRandomBytes"),
        Rule(new("System.Security.Cryptography", "OpenSSL is not available (only the algorithms the kernel implements in C# are)"),
            "CryptoNative_Err*", "CryptoNative_EnsureOpenSslInitialized", "CryptoNative_OpenSslAvailable", "CryptoNative_OpenSslVersionNumber",
            "CryptoNative_RegisterLegacyAlgorithms", "CryptoNative_EnableMemoryTracking", "CryptoNative_ForEachTrackedAllocation",
            "CryptoNative_GetMemoryUse", "CryptoNative_Bio*", "CryptoNative_CreateMemoryBio", "CryptoNative_GetMemoryBioSize",
            "CryptoNative_Asn1*", "CryptoNative_EncodeAsn1Integer", "CryptoNative_GetAsn1*", "CryptoNative_BigNum*",
            "CryptoNative_GetBigNumBytes", "CryptoNative_Obj*", "CryptoNative_GetObjectDefinitionByName", "CryptoNative_LookupFriendlyNameByOid"),

        // libSystem.IO.Compression.Native
        Rule(new("System.IO.Compression", "Deflate, GZip and ZLib streams are not available yet"),
            "CompressionNative_*"),
        Rule(new("System.IO.Compression", "Brotli is not available yet"),
            "BrotliDecoder*", "BrotliEncoder*"),

        // libSystem.Net.Security.Native
        Rule(new("System.Net.Security", "Negotiate, Kerberos and NTLM authentication (GSSAPI) are not available"),
            "NetSecurityNative_*"),

        // libSystem.Globalization.Native
        Rule(new("System.Globalization", "culture data (ICU) is not available: the image runs with invariant globalization"),
            "GlobalizationNative_*"),
    ];

    /// <summary>The area <paramref name="entryPoint"/> belongs to, or null when no rule names it.</summary>
    public static UnavailableArea? AreaOf(string entryPoint) => All.FirstOrDefault(rule => rule.Matches(entryPoint))?.Area;

    private static ImportRule Rule(UnavailableArea area, params string[] patterns) => new(area, patterns);
}
