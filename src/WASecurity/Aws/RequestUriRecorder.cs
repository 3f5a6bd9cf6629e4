using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace WASecurity.Aws
{
    /// <summary>
    /// Notes the URL of each request an SDK client sends, so a call that gets no answer can name the endpoint it
    /// tried: <see cref="Begin"/> opens a slot for the current call (it flows with the call's async context) and the
    /// handler fills it in.
    /// </summary>
    internal sealed class RequestUriRecorder : DelegatingHandler
    {
        private static readonly AsyncLocal<Slot?> Current = new AsyncLocal<Slot?>();

        public RequestUriRecorder(HttpMessageHandler inner)
            : base(inner)
        {
        }

        /// <summary>Opens the slot of the calling async context; what it sends from now on is noted there.</summary>
        public static Slot Begin()
        {
            var slot = new Slot();
            Current.Value = slot;
            return slot;
        }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var slot = Current.Value;
            if (slot != null)
            {
                slot.Uri = request.RequestUri;
            }

            return base.SendAsync(request, cancellationToken);
        }

        /// <summary>The last request URL of one call.</summary>
        internal sealed class Slot
        {
            private Uri? _uri;

            public Uri? Uri
            {
                get => Volatile.Read(ref _uri);
                set => Volatile.Write(ref _uri, value);
            }
        }
    }
}
