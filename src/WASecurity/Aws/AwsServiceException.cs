using System;

namespace WASecurity.Aws
{
    /// <summary>An AWS API call that failed: the AWS error code (<c>AccessDenied</c>, <c>NoSuchEntity</c>) and HTTP status.</summary>
    internal sealed class AwsServiceException : Exception
    {
        public AwsServiceException(string service, string operation, string errorCode, string message, int statusCode, Exception? inner = null)
            : base($"{service}:{operation} failed: {errorCode}: {message}", inner)
        {
            Service = service;
            Operation = operation;
            ErrorCode = errorCode;
            ErrorMessage = message;
            StatusCode = statusCode;
        }

        public string Service { get; }

        public string Operation { get; }

        public string ErrorCode { get; }

        /// <summary>AWS's message, without the call prefix.</summary>
        public string ErrorMessage { get; }

        /// <summary>HTTP status, or 0 when no response arrived (network failure, timeout).</summary>
        public int StatusCode { get; }

        /// <summary>S3's <c>x-amz-bucket-region</c> on a refused request (a bucket asked in the wrong region), else null.</summary>
        public string? BucketRegion { get; set; }
    }
}
