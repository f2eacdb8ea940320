using System.Runtime;

using Sharprun.Kernel.Runtime.MathLibrary;

namespace Sharprun.Libm;

/// <summary>
/// glibc's log2 (ARM optimized routines) as Debian's FMA variant computes it, the products fused where
/// its compiler fused them (read from its machine code): x = 2^k·z, log2 x = k + log2 c + log2(z/c) with
/// 1/c and log2 c from a 64-entry table; near 1 a degree-11 polynomial in x − 1.
/// </summary>
internal static class BinaryLogarithm
{
    /// <summary>Pairs 1/c, log2 c for the 64 subintervals of [0x3fe6000000000000, twice that).</summary>
    private static ReadOnlySpan<double> InverseAndLog2OfCenters =>
    [
        1.4463276106642393, -0.5323943771486483,
        1.4301675812282968, -0.516184206053822,
        1.4143648676229383, -0.5001543441974263,
        1.3989068970611538, -0.4842999484799293,
        1.3837838957784339, -0.46861865624623533,
        1.368983882697786, -0.4531054615783887,
        1.3544972916324536, -0.43775750882059583,
        1.3403139676437443, -0.4225709906127122,
        1.3264249304188642, -0.40754302793970965,
        1.3128203652112156, -0.3926695240384106,
        1.299492412370217, -0.3779482100565019,
        1.28643198385998, -0.36337518101890964,
        1.2736319291846832, -0.3489484089425332,
        1.2610838968062879, -0.33466425780738973,
        1.248780314313572, -0.3205197000629596,
        1.2367150450059063, -0.3065131231801388,
        1.2248804968401878, -0.2926410022678283,
        1.2132702353497795, -0.2789009220805383,
        1.2018780785715362, -0.2652905529862437,
        1.190697765061355, -0.2518072602367738,
        1.1797235410550593, -0.23844881494437686,
        1.1689498986205256, -0.22521309705462045,
        1.158371137408455, -0.21209756102439314,
        1.1479820146386086, -0.1991000395789797,
        1.1377775576851088, -0.18621852970682085,
        1.127753150630225, -0.17345131655361,
        1.1179037012282074, -0.16079591649577196,
        1.1082251967632821, -0.14825107384353942,
        1.098712461056607, -0.13581387465410444,
        1.0893619091634283, -0.12348332762257996,
        1.0801689912316736, -0.11125703807351783,
        1.071129489697672, -0.09913289918449664,
        1.0622406576750423, -0.08711065531497297,
        1.0534977607927976, -0.07518724771330199,
        1.044897877982342, -0.06336194888240243,
        1.0364370289499079, -0.0516324649456692,
        1.0281122132034575, -0.039997735929773626,
        1.0199202450036955, -0.028456341769015125,
        1.0118577522306755, -0.017006489068080555,
        1.003921649236766, -0.005646678981520381,
        0.9922480467550775, 0.011227277611396858,
        0.9770993366178549, 0.033422853921138085,
        0.9624059787315814, 0.05528248992573026,
        0.9481480598286369, 0.07681573143713649,
        0.9343065931261065, 0.09803204623631245,
        0.9208633936884979, 0.11894094059630334,
        0.9078013641840602, 0.13955143862290242,
        0.8951048181512927, 0.15987146080919956,
        0.882758574260473, 0.17990916589428707,
        0.8707481902241709, 0.19967252559081317,
        0.8590602881746972, 0.2191687127685782,
        0.8476822044336688, 0.23840459427242422,
        0.8366013284053287, 0.25738780610663525,
        0.8258064913621258, 0.27612433583180973,
        0.8152865101579193, 0.2946209507022104,
        0.8050314363208223, 0.31288297359969874,
        0.7950310492640542, 0.33091689015759584,
        0.7852760432487271, 0.3487282100279572,
        0.7757575660314712, 0.36632223233368677,
        0.7664670566588946, 0.383704309808536,
        0.7573965608078645, 0.4008792246509074,
        0.7485380168514022, 0.41785250494945103,
        0.7398844213755009, 0.4346281724315304,
        0.7314286113178112, 0.45121103315341315,
    ];

    /// <summary>1/ln 2 in two parts, the first of 33 bits.</summary>
    private const double InvLn2High = 1.4426950407214463;
    private const double InvLn2Low = 1.6751713164886512e-10;

    [RuntimeExport("log2")]
    internal static double Log2(double x)
    {
        ulong ix = (ulong)DoubleBits.Bits(x);
        const ulong NearOneLow = 0x3FEEA4AF00000000; // 1 − 0x1.5b51p-5
        const ulong NearOneHigh = 0x3FF0B55900000000; // 1 + 0x1.6ab2p-5
        if (ix - NearOneLow < NearOneHigh - NearOneLow)
            return ix == 0x3ff0000000000000 ? 0 : Log2NearOne(x);
        if (LogarithmArgument.IsSpecial(x, (uint)(ix >> 48), ref ix, out double special))
            return special;
        const ulong Offset = 0x3fe6000000000000;
        ulong tmp = ix - Offset;
        int i = (int)((tmp >> 46) % 64);
        int k = (int)((long)tmp >> 52);
        double z = DoubleBits.FromBits((long)(ix - (tmp & (0xfffUL << 52))));
        double invc = InverseAndLog2OfCenters[2 * i];
        double logc = InverseAndLog2OfCenters[2 * i + 1];
        double t3 = k + logc;
        double r = System.Math.FusedMultiplyAdd(z, invc, -1.0);
        double t1 = r * InvLn2High;
        double t2 = System.Math.FusedMultiplyAdd(r, InvLn2Low, System.Math.FusedMultiplyAdd(r, InvLn2High, -t1));
        double hi = t3 + t1;
        double lo = t3 - hi + t1 + t2;
        double r2 = r * r;
        double r4 = r2 * r2;
        double p = System.Math.FusedMultiplyAdd(System.Math.FusedMultiplyAdd(r, 0.2061202382173603, -0.2404693555628422), r4, System.Math.FusedMultiplyAdd(System.Math.FusedMultiplyAdd(r, 0.2885390073180969, -0.36067375954075914), r2, System.Math.FusedMultiplyAdd(r, 0.4808983469629985, -0.7213475204444882)));
        return System.Math.FusedMultiplyAdd(r2, p, lo) + hi;
    }

    /// <summary>log2 x near 1: (x − 1)/ln 2 in two parts plus a polynomial, the leading terms kept apart.</summary>
    private static double Log2NearOne(double x)
    {
        double r = x - 1.0;
        double hi = r * InvLn2High;
        double r2 = r * r;
        double r4 = r2 * r2;
        double lo = System.Math.FusedMultiplyAdd(r, InvLn2Low, System.Math.FusedMultiplyAdd(InvLn2High, r, -hi));
        double q = System.Math.FusedMultiplyAdd(r, 0.48089834696298744, -0.7213475204444817);
        double y = System.Math.FusedMultiplyAdd(q, r2, hi);
        lo += System.Math.FusedMultiplyAdd(q, r2, hi - y);
        double high = System.Math.FusedMultiplyAdd(System.Math.FusedMultiplyAdd(r, 0.2060992861022954, -0.24044917405728863), r2, System.Math.FusedMultiplyAdd(r, 0.2885390081805197, -0.360673760222145));
        double higher = System.Math.FusedMultiplyAdd(System.Math.FusedMultiplyAdd(r, 0.13046826811283835, -0.14483316576701266), r2, System.Math.FusedMultiplyAdd(r, 0.1603032746063156, -0.18033596705327856));
        return y + System.Math.FusedMultiplyAdd(System.Math.FusedMultiplyAdd(higher, r4, high), r4, lo);
    }
}
