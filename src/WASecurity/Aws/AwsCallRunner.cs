using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace WASecurity.Aws
{
    /// <summary>
    /// Runs one AWS call — a protocol client request or a served SDK client request — attempt by attempt: each attempt
    /// holds a place at its endpoint (<see cref="EndpointThrottle"/>, told whether the answer was throttling) and the
    /// session's concurrency gate while on the wire (not while backing off) and must finish within the
    /// session's attempt timeout; failures are retried as <see cref="RetryPolicy"/> says. A call that got no answer
    /// ends in <see cref="AwsEndpointFailure.UnreachableCode"/> or <see cref="AwsEndpointFailure.TimeoutCode"/>, naming
    /// the endpoint URL. Cancellation (Ctrl+C) ends the call at once, between attempts or during one.
    /// </summary>
    internal static class AwsCallRunner
    {
        /// <param name="session">Gate, attempt timeout, retry policy and debug output.</param>
        /// <param name="service">The service as messages name it (<c>iam</c>, <c>ec2</c>).</param>
        /// <param name="operation">The operation as messages name it.</param>
        /// <param name="region">The region the call is signed for: with <paramref name="service"/>, the endpoint whose throttling paces it.</param>
        /// <param name="endpoint">The URL the call goes to, when known; otherwise the URL the SDK client sent to is used.</param>
        /// <param name="attempt">One attempt: the answer, or an <see cref="AwsServiceException"/> for an AWS error response.</param>
        /// <param name="translate">Turns a failure of <paramref name="attempt"/> other than a network failure (an SDK exception) into an <see cref="AwsServiceException"/>, or returns null.</param>
        /// <param name="cancellationToken">Ends the call.</param>
        public static async Task<T> RunAsync<T>(
            AwsSession session,
            string service,
            string operation,
            string region,
            Uri? endpoint,
            Func<int, CancellationToken, Task<T>> attempt,
            Func<Exception, AwsServiceException?>? translate,
            CancellationToken cancellationToken)
        {
            var retry = session.Retry;
            var throttle = session.Endpoint(service, region);
            var unanswered = 0;
            for (var number = 1; ; number++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var sent = RequestUriRecorder.Begin();
                var watch = Stopwatch.StartNew();
                AwsServiceException? failure = null;
                var round = await throttle.WaitAsync(cancellationToken).ConfigureAwait(false);
                try
                {
                    await session.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
                    try
                    {
                        using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
                        {
                            timeout.CancelAfter(session.RequestTimeout);
                            try
                            {
                                return await attempt(number, timeout.Token).ConfigureAwait(false);
                            }
                            catch (AwsServiceException e)
                            {
                                failure = e;
                            }
                            catch (Exception e) when (!cancellationToken.IsCancellationRequested && IsNoAnswer(e, timeout.IsCancellationRequested))
                            {
                                failure = NoAnswer(session, service, operation, endpoint ?? sent.Uri, e, timeout.IsCancellationRequested);
                            }
                            catch (Exception e) when (!cancellationToken.IsCancellationRequested && translate?.Invoke(e) is AwsServiceException translated)
                            {
                                failure = translated;
                            }
                        }
                    }
                    finally
                    {
                        session.Gate.Release();
                    }
                }
                finally
                {
                    throttle.Release(round, failure != null && RetryPolicy.IsThrottling(failure.StatusCode, failure.ErrorCode));
                }

                if (AwsEndpointFailure.IsEndpointFailure(failure!.ErrorCode))
                {
                    unanswered++;
                }

                if (!retry.ShouldRetry(number, unanswered, failure))
                {
                    if (AwsEndpointFailure.IsEndpointFailure(failure.ErrorCode))
                    {
                        var attempts = number == 1 ? "1 attempt" : $"{number} attempts";
                        throw new AwsServiceException(failure.Service, failure.Operation, failure.ErrorCode, $"{failure.ErrorMessage} ({attempts}).", failure.StatusCode, failure);
                    }

                    throw failure;
                }

                session.Debug($"{service}:{operation} {failure.ErrorCode}; retrying ({number}/{retry.MaxAttempts - 1}); the attempt took {watch.ElapsedMilliseconds} ms.");
                await retry.WaitAsync(number, cancellationToken).ConfigureAwait(false);
            }
        }

        /// <summary>Whether a failure means no answer came: a network failure, or the attempt timeout (or connect timeout) ran out.</summary>
        private static bool IsNoAnswer(Exception e, bool attemptTimedOut)
        {
            if (e is OperationCanceledException)
            {
                // Not the caller's cancellation (filtered before): the attempt timeout, or the handler's connect timeout.
                return true;
            }

            for (var cause = e; cause != null; cause = cause.InnerException)
            {
                if (cause is HttpRequestException || cause is SocketException || cause is IOException || cause is WebException || cause is TimeoutException)
                {
                    // An SDK exception with an HTTP status is an answer, whatever it wraps.
                    return !(e is Amazon.Runtime.AmazonServiceException service && service.StatusCode != 0);
                }
            }

            return attemptTimedOut;
        }

        private static AwsServiceException NoAnswer(AwsSession session, string service, string operation, Uri? endpoint, Exception e, bool attemptTimedOut)
        {
            var url = AwsEndpointFailure.Display(endpoint ?? (session.EndpointUrl != null ? new Uri(session.EndpointUrl) : null));
            if (attemptTimedOut || (HasCause<TimeoutException>(e) && !(e is OperationCanceledException)))
            {
                var seconds = session.RequestTimeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
                return new AwsServiceException(service, operation, AwsEndpointFailure.TimeoutCode, $"No answer from {url} within {seconds} s", 0, e);
            }

            if (e is OperationCanceledException)
            {
                var seconds = AwsTransport.ConnectTimeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
                return new AwsServiceException(service, operation, AwsEndpointFailure.UnreachableCode, $"Could not connect to {url} within {seconds} s", 0, e);
            }

            return new AwsServiceException(service, operation, AwsEndpointFailure.UnreachableCode, session.Redact($"Could not reach {url}: {Innermost(e).Message.TrimEnd('.')}"), 0, e);
        }

        private static bool HasCause<TException>(Exception e)
            where TException : Exception
        {
            for (var cause = e; cause != null; cause = cause.InnerException)
            {
                if (cause is TException)
                {
                    return true;
                }
            }

            return false;
        }

        // The socket's own words ("Connection refused", "Name or service not known") say most; HttpClient's outer
        // message adds the host and port, which the URL already names.
        private static Exception Innermost(Exception e)
        {
            var innermost = e;
            while (innermost.InnerException != null)
            {
                innermost = innermost.InnerException;
            }

            return innermost;
        }
    }
}
