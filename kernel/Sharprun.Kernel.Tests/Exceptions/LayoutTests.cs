using System.Collections.Generic;
using Sharprun.Kernel.Runtime.Exceptions;
using Xunit;

namespace Sharprun.Kernel.Tests.Exceptions;

/// <summary>The structs dispatch shares with CoreLib must match the NativeAOT CoreLib images are built with.</summary>
public sealed unsafe class LayoutTests
{
    [Fact]
    public void StackFrameIterator()
    {
        var (size, offsets) = NativeAotCoreLib.ExplicitLayout("System.Runtime.StackFrameIterator");
        Assert.Equal(size, sizeof(FrameIterator));
        FrameIterator it = default;
        byte* b = (byte*)&it;
        Assert.Equal(offsets["_framePointer"], (int)((byte*)&it.FramePointer - b));
        Assert.Equal(offsets["_controlPC"], (int)((byte*)&it.ControlPC - b));
        Assert.Equal(offsets["_regDisplay"], (int)((byte*)&it.Registers - b));
        Assert.Equal(offsets["_originalControlPC"], (int)((byte*)&it.OriginalControlPC - b));
        Assert.Equal(offsets["_pPreviousTransitionFrame"], (int)((byte*)&it.PreviousTransitionFrame - b));
        Assert.Equal(5, offsets.Count);
    }

    [Fact]
    public void RegDisplay()
    {
        var (size, offsets) = NativeAotCoreLib.ExplicitLayout("System.Runtime.REGDISPLAY");
        Assert.Equal(size, sizeof(RegDisplay));
        RegDisplay r = default;
        Assert.Equal(offsets["SP"], (int)((byte*)&r.SP - (byte*)&r));
        Assert.Equal(Runtime.Exceptions.RegDisplay.SpOffset, offsets["SP"]);
    }

    [Fact]
    public void ExInfo()
    {
        var (size, offsets) = NativeAotCoreLib.ExplicitLayout("System.Runtime.EH+ExInfo");
        ExceptionInfo e = default;
        byte* b = (byte*)&e;
        Assert.Equal(offsets["_pPrevExInfo"], (int)((byte*)&e.Previous - b));
        Assert.Equal(offsets["_pExContext"], (int)((byte*)&e.Context - b));
        Assert.Equal(offsets["_exception"], (int)((byte*)&e.Exception - b));
        Assert.Equal(offsets["_kind"], (int)((byte*)&e.Kind - b));
        Assert.Equal(offsets["_passNumber"], (int)((byte*)&e.PassNumber - b));
        Assert.Equal(offsets["_idxCurClause"], (int)((byte*)&e.CurrentClause - b));
        Assert.Equal(offsets["_frameIter"], (int)((byte*)&e.FrameIterator - b));
        Assert.Equal(offsets["_notifyDebuggerSP"], (int)((byte*)&e.NotifyDebuggerSP - b));
        // CoreLib declares no size; the last field ends the struct (and the stubs reserve this much).
        Assert.Equal(0, size);
        Assert.Equal(offsets["_notifyDebuggerSP"] + 8, sizeof(ExceptionInfo));
        Assert.Equal(ExceptionInfo.ContextOffset, offsets["_pExContext"]);
        Assert.Equal(ExceptionInfo.KindOffset, offsets["_kind"]);
        Assert.Equal(ExceptionInfo.PassNumberOffset, offsets["_passNumber"]);
        Assert.Equal(ExceptionInfo.CurrentClauseOffset, offsets["_idxCurClause"]);
    }

    [Fact]
    public void PalLimitedContextAndEhEnum()
    {
        var (contextSize, contextOffsets) = NativeAotCoreLib.ExplicitLayout("System.Runtime.EH+PAL_LIMITED_CONTEXT");
        Assert.Equal(contextSize, sizeof(PalLimitedContext));
        Assert.Equal(0, contextOffsets["IP"]);
        var (enumSize, _) = NativeAotCoreLib.ExplicitLayout("System.Runtime.EH+EHEnum");
        Assert.Equal(enumSize, sizeof(EhClauseCursor));
    }

    [Fact]
    public void RhEhClause()
    {
        EhClause c = default;
        byte* b = (byte*)&c;
        AssertSequential("System.Runtime.EH+RhEHClause", sizeof(EhClause),
            (int)((byte*)&c.Kind - b), (int)((byte*)&c.TryStartOffset - b), (int)((byte*)&c.TryEndOffset - b),
            (int)((byte*)&c.FilterAddress - b), (int)((byte*)&c.HandlerAddress - b), (int)((byte*)&c.TargetType - b));
    }

    [Fact]
    public void MethodRegion()
    {
        MethodRegionInfo r = default;
        byte* b = (byte*)&r;
        AssertSequential("System.Runtime.EH+MethodRegionInfo", sizeof(MethodRegionInfo),
            (int)((byte*)&r.HotStartAddress - b), (int)((byte*)&r.HotSize - b),
            (int)((byte*)&r.ColdStartAddress - b), (int)((byte*)&r.ColdSize - b));
    }

    [Fact]
    public void EnumerationsAndCodes()
    {
        var kinds = NativeAotCoreLib.Constants("System.Runtime.EH+RhEHClauseKind");
        Assert.Equal((long)EhClauseKind.Typed, kinds["RH_EH_CLAUSE_TYPED"]);
        Assert.Equal((long)EhClauseKind.Fault, kinds["RH_EH_CLAUSE_FAULT"]);
        Assert.Equal((long)EhClauseKind.Filter, kinds["RH_EH_CLAUSE_FILTER"]);

        var exKind = NativeAotCoreLib.Constants("System.Runtime.EH+ExKind");
        Assert.Equal(ExceptionInfo.KindThrow, exKind["Throw"]);
        Assert.Equal(ExceptionInfo.KindHardwareFault, exKind["HardwareFault"]);
        Assert.Equal(ExceptionInfo.SupersededFlag, exKind["SupersededFlag"]);

        Assert.Equal(ExceptionInfo.NoClause, NativeAotCoreLib.Constants("System.Runtime.EH")["MaxTryRegionIdx"]);

        var codes = NativeAotCoreLib.Constants("System.Runtime.EH+HwExceptionCode");
        Assert.Equal(HardwareFaultCode.NullReference, codes["STATUS_NATIVEAOT_NULL_REFERENCE"]);
        Assert.Equal(HardwareFaultCode.AccessViolation, codes["STATUS_ACCESS_VIOLATION"]);
        Assert.Equal(HardwareFaultCode.IntegerDivideByZero, codes["STATUS_INTEGER_DIVIDE_BY_ZERO"]);
        Assert.Equal(HardwareFaultCode.IntegerOverflow, codes["STATUS_INTEGER_OVERFLOW"]);
    }

    [Fact]
    public void InterruptFrameIsWhatTheEntryStubsPush()
    {
        InterruptFrame f = default;
        byte* b = (byte*)&f;
        Assert.Equal(184, sizeof(InterruptFrame));
        Assert.Equal(0, (int)((byte*)&f.Cr2 - b));
        Assert.Equal(8, (int)((byte*)&f.R15 - b));
        Assert.Equal(72, (int)((byte*)&f.Rbp - b));
        Assert.Equal(80, (int)((byte*)&f.Rdi - b));
        Assert.Equal(88, (int)((byte*)&f.Rsi - b));
        Assert.Equal(120, (int)((byte*)&f.Rax - b));
        Assert.Equal(128, (int)((byte*)&f.Vector - b));
        Assert.Equal(136, (int)((byte*)&f.ErrorCode - b));
        Assert.Equal(144, (int)((byte*)&f.Rip - b));
        Assert.Equal(168, (int)((byte*)&f.Rsp - b));
        Assert.Equal(176, (int)((byte*)&f.Ss - b));
    }

    private static void AssertSequential(string coreLibType, int ourSize, params int[] ourOffsets)
    {
        List<(string Name, int Size)> fields = NativeAotCoreLib.SequentialFields(coreLibType);
        Assert.Equal(fields.Count, ourOffsets.Length);
        int offset = 0, alignment = 1;
        for (int i = 0; i < fields.Count; i++)
        {
            int size = fields[i].Size;
            offset = (offset + size - 1) / size * size;
            Assert.True(offset == ourOffsets[i], $"{coreLibType}.{fields[i].Name} is at {offset}, ours at {ourOffsets[i]}");
            offset += size;
            if (size > alignment)
                alignment = size;
        }
        Assert.Equal((offset + alignment - 1) / alignment * alignment, ourSize);
    }
}
