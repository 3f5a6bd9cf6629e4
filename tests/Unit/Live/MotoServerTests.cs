using System.Collections.Generic;
using WASecurity.Tests.Infrastructure;
using Xunit;

namespace WASecurity.Tests.Live
{
    [Collection(MotoCollection.Name)]
    public sealed class MotoServerTests
    {
        private readonly MotoServer _moto;

        public MotoServerTests(MotoServer moto) => _moto = moto;

        [Fact]
        public void Seed_script_reaches_the_server_on_a_loopback_port()
        {
            var output = _moto.RunPython("print(client('sts').get_caller_identity()['Account'])");

            Assert.StartsWith("http://127.0.0.1:", _moto.Endpoint);
            Assert.Equal(MotoServer.AccountId, output.Trim());
        }

        [Fact]
        public void A_second_instance_gets_its_own_port_and_stops_on_dispose()
        {
            int port;
            using (var second = MotoServer.Start(new Dictionary<string, string> { ["MOTO_ALLOW_NONEXISTENT_REGION"] = "false" }))
            {
                port = second.Port;
                Assert.NotEqual(_moto.Port, port);
                Assert.Contains(MotoServer.AccountId, second.RunPython("print(client('sts').get_caller_identity()['Account'])"));
            }

            using var tcp = new System.Net.Sockets.TcpClient();
            Assert.ThrowsAny<System.Net.Sockets.SocketException>(() => tcp.Connect("127.0.0.1", port));
        }
    }
}
