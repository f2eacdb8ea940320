using System.Runtime.CompilerServices;
using Sharprun.Kernel.Diagnostics;

namespace Sharprun.Kernel.Runtime.Exceptions;

/// <summary>
/// The stack frame iterator behind RhpSfiInit/RhpSfiNext, for the two walks CoreLib makes: exception
/// dispatch (from a throw or fault context) and stack traces (from RhpGetCurrentThreadStackTrace's
/// seed). It yields managed frames only. Leaving a funclet that dispatch itself called (catch or
/// finally) jumps to the frame that funclet belongs to, as recorded in the ExInfo that called it, so
/// the new exception resumes the clause search where the old dispatch stood ("collided unwind").
/// There are no GC walks: the collector scans stacks conservatively.
/// </summary>
internal static unsafe class FrameWalker
{
    public static bool InitForException(FrameIterator* iterator, PalLimitedContext* context, bool instructionFault)
    {
        Unsafe.InitBlockUnaligned(iterator, 0, FrameIterator.Size);
        iterator->Flags = FrameWalkFlags.ExceptionWalk | (instructionFault ? 0 : FrameWalkFlags.IpIsReturnAddress);
        return InitFromContext(iterator, context);
    }

    /// <summary>Starts at the caller of RhpGetCurrentThreadStackTrace; false when no seed is set.</summary>
    public static bool InitForStackTrace(FrameIterator* iterator)
    {
        Unsafe.InitBlockUnaligned(iterator, 0, FrameIterator.Size);
        PalLimitedContext* seed = ExceptionThreadState.Current->StackTraceSeed;
        if (seed == null)
            return false;
        iterator->Flags = FrameWalkFlags.StackTraceWalk | FrameWalkFlags.IpIsReturnAddress;
        return InitFromContext(iterator, seed);
    }

    public static bool IsValid(FrameIterator* iterator) => iterator->ControlPC != null;

    /// <summary>Moves to the next managed frame; false (and invalid) when there is none.</summary>
    public static bool Next(FrameIterator* iterator)
    {
        if (!IsValid(iterator))
            return false;
        iterator->Flags &= ~(FrameWalkFlags.ExCollide | FrameWalkFlags.UnwoundReversePInvoke);
        while (true)
        {
            if ((iterator->Flags & FrameWalkFlags.MethodKnown) == 0)
                return Invalidate(iterator);

            MethodLocation left = iterator->Method;
            nuint leftFramePointer = iterator->FramePointer;
            byte* pc = LookupPc(iterator);
            UnwindDataError error = MethodLookup.TryGetRow(left, pc, out UnwindRow row, out int returnRegister);
            if (error == UnwindDataError.None)
                error = FrameUnwinder.TryStep(&iterator->Registers, row, returnRegister);
            if (error != UnwindDataError.None)
                return Corrupt("exception dispatch: cannot unwind a managed frame", error, pc);

            iterator->Flags = (iterator->Flags & ~FrameWalkFlags.MethodKnown) | FrameWalkFlags.IpIsReturnAddress;
            SetControlPC(iterator, iterator->Registers.IP);

            if (left.IsReversePInvoke)
            {
                // Native code called this method. Dispatch is told, and stops; a stack trace, like
                // NativeAOT's, shows no frames below the entry point.
                if ((iterator->Flags & FrameWalkFlags.StackTraceWalk) != 0)
                    return Invalidate(iterator);
                iterator->Flags |= FrameWalkFlags.UnwoundReversePInvoke;
                iterator->FramePointer = 0;
                if ((iterator->Flags & FrameWalkFlags.ExceptionWalk) != 0)
                    iterator->ControlPC = iterator->OriginalControlPC - 1;
                return true;
            }

            nuint collapseFramePointer = 0;
            ReturnSite site = DispatchStubs.Classify(iterator->Registers.IP);
            if (left.IsFunclet)
            {
                switch (site)
                {
                    case ReturnSite.FuncletInvokeStub:
                        iterator->PendingFuncletFramePointer = leftFramePointer;
                        if (!Collide(iterator, out collapseFramePointer))
                            return Invalidate(iterator);
                        break;
                    case ReturnSite.FilterInvokeStub:
                        UnwindInvokeStub(iterator, DispatchStubs.FilterStubLocalSlots);
                        break;
                    case ReturnSite.ManagedCode:
                        // A finally called from its method body; a stack trace shows the method once.
                        if ((iterator->Flags & FrameWalkFlags.StackTraceWalk) != 0)
                            collapseFramePointer = leftFramePointer;
                        break;
                    default:
                        return Invalidate(iterator);
                }
            }
            else if (site != ReturnSite.ManagedCode)
            {
                // Only a stack trace taken inside dispatch (a filter, a classlib callback) climbs
                // through a throw stub; an exception walk reaching one means dispatch code threw.
                if ((site != ReturnSite.ThrowStub && site != ReturnSite.HardwareThrowStub)
                    || (iterator->Flags & FrameWalkFlags.StackTraceWalk) == 0)
                    return Invalidate(iterator);
                UnwindThrowStub(iterator, site == ReturnSite.HardwareThrowStub);
            }

            if (!UnwindSections.IsManagedCode((byte*)iterator->Registers.IP))
                return Invalidate(iterator);
            if (!YieldFrame(iterator))
                return false;
            if (collapseFramePointer == 0 || iterator->FramePointer != collapseFramePointer)
                return true;
        }
    }

    private static bool InitFromContext(FrameIterator* iterator, PalLimitedContext* context)
    {
        iterator->NextExInfo = ExceptionThreadState.Current->ExInfoHead;
        SkipExInfosBelow(iterator, context->Rsp);
        RegDisplay* registers = &iterator->Registers;
        registers->SP = context->Rsp;
        registers->IP = context->Ip;
        registers->PRbp = &context->Rbp;
        registers->PRbx = &context->Rbx;
        registers->PR12 = &context->R12;
        registers->PR13 = &context->R13;
        registers->PR14 = &context->R14;
        registers->PR15 = &context->R15;
        registers->PRax = &context->Rax;
        registers->PRdx = &context->Rdx;
        SetControlPC(iterator, context->Ip);
        if (!UnwindSections.IsManagedCode((byte*)context->Ip))
            return Invalidate(iterator);
        return YieldFrame(iterator);
    }

    /// <summary>Computes the current frame's method and frame pointer, and the control PC CoreLib sees.</summary>
    private static bool YieldFrame(FrameIterator* iterator)
    {
        byte* pc = LookupPc(iterator);
        UnwindDataError error = MethodLookup.TryFind(pc, out iterator->Method);
        if (error != UnwindDataError.None)
            return Corrupt("exception dispatch: no usable unwind data for managed code", error, pc);
        iterator->Flags |= FrameWalkFlags.MethodKnown;
        nuint* rbp = iterator->Registers.PRbp;
        iterator->FramePointer = iterator->Method.ReportsFramePointer && rbp != null ? *rbp : 0;
        // Dispatch compares against clause ranges closed at the start: a return address is moved back
        // into its call instruction; a faulting IP already is the instruction.
        if ((iterator->Flags & (FrameWalkFlags.ExceptionWalk | FrameWalkFlags.IpIsReturnAddress))
            == (FrameWalkFlags.ExceptionWalk | FrameWalkFlags.IpIsReturnAddress))
            iterator->ControlPC = iterator->OriginalControlPC - 1;
        return true;
    }

    /// <summary>
    /// The funclet just left was called by the dispatch of <see cref="FrameIterator.NextExInfo"/>: continue
    /// from that dispatch's current frame (the funclet's parent), keeping the callee-saved register slots
    /// the funclet ran with, which hold the parent's values.
    /// </summary>
    private static bool Collide(FrameIterator* iterator, out nuint collapseFramePointer)
    {
        collapseFramePointer = 0;
        ExceptionInfo* exInfo = iterator->NextExInfo;
        if (exInfo == null || exInfo->PassNumber != 2 || exInfo->CurrentClause == ExceptionInfo.NoClause)
            return false;

        nuint activeFramePointer = iterator->PendingFuncletFramePointer;
        FrameWalkFlags walk = iterator->Flags & (FrameWalkFlags.ExceptionWalk | FrameWalkFlags.StackTraceWalk);
        RegDisplay funcletRegisters = iterator->Registers;

        *iterator = exInfo->FrameIterator;
        iterator->Flags = walk | (iterator->Flags & FrameWalkFlags.IpIsReturnAddress) | FrameWalkFlags.ExCollide;
        iterator->PendingFuncletFramePointer = 0;
        RegDisplay* registers = &iterator->Registers;
        registers->PRbp = funcletRegisters.PRbp;
        registers->PRbx = funcletRegisters.PRbx;
        registers->PR12 = funcletRegisters.PR12;
        registers->PR13 = funcletRegisters.PR13;
        registers->PR14 = funcletRegisters.PR14;
        registers->PR15 = funcletRegisters.PR15;
        SkipExInfosBelow(iterator, registers->SP);
        iterator->ControlPC = iterator->OriginalControlPC;
        if ((walk & FrameWalkFlags.StackTraceWalk) != 0)
            collapseFramePointer = activeFramePointer;
        return true;
    }

    /// <summary>Steps over a funclet-invoke stub frame (see <see cref="DispatchStubs"/> for its shape).</summary>
    private static void UnwindInvokeStub(FrameIterator* iterator, int localSlots)
    {
        RegDisplay* registers = &iterator->Registers;
        nuint* slot = (nuint*)registers->SP + localSlots;
        registers->PRbp = slot++;
        registers->PRbx = slot++;
        registers->PR12 = slot++;
        registers->PR13 = slot++;
        registers->PR14 = slot++;
        registers->PR15 = slot++;
        registers->IP = *slot++;
        registers->SP = (nuint)slot;
        SetControlPC(iterator, registers->IP);
    }

    /// <summary>Steps over a throw stub frame to the throw site its context describes.</summary>
    private static void UnwindThrowStub(FrameIterator* iterator, bool faultingIp)
    {
        RegDisplay* registers = &iterator->Registers;
        var context = (PalLimitedContext*)(registers->SP + ExceptionInfo.Size);
        registers->PRbp = &context->Rbp;
        registers->PRbx = &context->Rbx;
        registers->PR12 = &context->R12;
        registers->PR13 = &context->R13;
        registers->PR14 = &context->R14;
        registers->PR15 = &context->R15;
        registers->IP = context->Ip;
        registers->SP = context->Rsp;
        SetControlPC(iterator, context->Ip);
        if (faultingIp)
            iterator->Flags &= ~FrameWalkFlags.IpIsReturnAddress;
        SkipExInfosBelow(iterator, registers->SP);
    }

    /// <summary>ExInfos live in throw stub frames; those below <paramref name="sp"/> belong to frames already left.</summary>
    private static void SkipExInfosBelow(FrameIterator* iterator, nuint sp)
    {
        while (iterator->NextExInfo != null && (nuint)iterator->NextExInfo < sp)
            iterator->NextExInfo = iterator->NextExInfo->Previous;
    }

    private static byte* LookupPc(FrameIterator* iterator)
    {
        byte* ip = (byte*)iterator->Registers.IP;
        return (iterator->Flags & FrameWalkFlags.IpIsReturnAddress) != 0 ? ip - 1 : ip;
    }

    private static void SetControlPC(FrameIterator* iterator, nuint ip)
    {
        iterator->ControlPC = (byte*)ip;
        iterator->OriginalControlPC = (byte*)ip;
    }

    private static bool Invalidate(FrameIterator* iterator)
    {
        iterator->ControlPC = null;
        iterator->Flags &= ~FrameWalkFlags.MethodKnown;
        return false;
    }

    /// <summary>Unwind data of the image itself is wrong: no dispatch can be trusted after this.</summary>
    private static bool Corrupt(string what, UnwindDataError error, byte* pc)
    {
        Panic.Begin(what);
        Panic.Value("error", (ulong)error);
        Panic.Location((ulong)pc);
        Panic.End();
        return false;
    }
}
