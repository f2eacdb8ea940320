namespace Sharprun.Cryptography.Evp;

/// <summary>Why an operation failed; the values are the reason field of the error codes the framework is given.</summary>
public enum ErrorReason
{
    InvalidArgument = 1,
    UnsupportedAlgorithm = 2,
    UnsupportedOperation = 3,
    InvalidKeyLength = 4,
    InvalidIvLength = 5,
    NoKey = 6,
    NoIv = 7,
    NoTag = 8,
    InvalidTag = 9,
    OutputTooSmall = 10,
    DataNotMultipleOfBlockLength = 11,
    WrongFinalBlockLength = 12,
    BadDecrypt = 13,
}
