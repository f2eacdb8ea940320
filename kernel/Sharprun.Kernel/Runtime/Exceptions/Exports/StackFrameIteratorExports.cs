using System.Runtime;

namespace Sharprun.Kernel.Runtime.Exceptions;

/// <summary>CoreLib's StackFrameIterator.Init/Next (InternalCalls.RhpSfiInit/RhpSfiNext).</summary>
internal static unsafe class StackFrameIteratorExports
{
    /// <summary>
    /// bool RhpSfiInit(ref StackFrameIterator, PAL_LIMITED_CONTEXT* context, bool instructionFault,
    /// bool* isExceptionIntercepted). A null context asks for a stack trace of the current thread.
    /// </summary>
    [RuntimeExport("RhpSfiInit")]
    private static bool Init(FrameIterator* iterator, PalLimitedContext* context, bool instructionFault, bool* isExceptionIntercepted)
    {
        DispatchCodeScope.Enter();
        bool valid = context == null
            ? FrameWalker.InitForStackTrace(iterator)
            : FrameWalker.InitForException(iterator, context, instructionFault);
        if (isExceptionIntercepted != null)
            *isExceptionIntercepted = false;
        DispatchCodeScope.Leave();
        return valid;
    }

    /// <summary>
    /// bool RhpSfiNext(ref StackFrameIterator, uint* exCollideClauseIndex, bool* unwoundReversePInvoke,
    /// bool* isExceptionIntercepted). After a collided unwind the clause index is that of the handler the
    /// superseded dispatch was running, and that ExInfo is marked superseded.
    /// </summary>
    [RuntimeExport("RhpSfiNext")]
    private static bool Next(FrameIterator* iterator, uint* exCollideClauseIndex, bool* unwoundReversePInvoke, bool* isExceptionIntercepted)
    {
        DispatchCodeScope.Enter();
        ExceptionInfo* current = iterator->NextExInfo;
        bool valid = FrameWalker.Next(iterator);
        if (exCollideClauseIndex != null)
        {
            if (valid && current != null && (iterator->Flags & FrameWalkFlags.ExCollide) != 0)
            {
                *exCollideClauseIndex = current->CurrentClause;
                current->Kind |= ExceptionInfo.SupersededFlag;
            }
            else
            {
                *exCollideClauseIndex = ExceptionInfo.NoClause;
            }
        }
        if (unwoundReversePInvoke != null)
            *unwoundReversePInvoke = valid && (iterator->Flags & FrameWalkFlags.UnwoundReversePInvoke) != 0;
        if (isExceptionIntercepted != null)
            *isExceptionIntercepted = false;
        DispatchCodeScope.Leave();
        return valid;
    }
}
