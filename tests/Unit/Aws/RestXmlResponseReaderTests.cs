using WASecurity.Aws;
using Xunit;

namespace WASecurity.Tests.Aws
{
    public sealed class RestXmlResponseReaderTests
    {
        private static readonly QueryShape Shape = new QueryShape(lists: new[] { "Items" }, numbers: new[] { "Quantity", "MaxItems" });

        [Fact]
        public void The_root_is_printed_under_its_name_wrapper_lists_become_arrays_and_leaves_are_typed()
        {
            var json = RestXmlResponseReader.Read(
                "<?xml version=\"1.0\"?><DistributionList xmlns=\"http://cloudfront.amazonaws.com/doc/2020-05-31/\"><Marker></Marker><MaxItems>100</MaxItems>"
                + "<IsTruncated>false</IsTruncated><Quantity>1</Quantity><Items><DistributionSummary><Id>E1</Id>"
                + "<Aliases><Quantity>2</Quantity><Items><CNAME>a.example.com</CNAME><CNAME>b.example.com</CNAME></Items></Aliases>"
                + "<CacheBehaviors><Quantity>0</Quantity><Items/></CacheBehaviors><Comment>true story</Comment></DistributionSummary></Items></DistributionList>",
                "ListDistributions",
                Shape);

            Assert.Equal(
                "{\"DistributionList\":{\"Marker\":\"\",\"MaxItems\":100,\"IsTruncated\":false,\"Quantity\":1,\"Items\":[{\"Id\":\"E1\","
                + "\"Aliases\":{\"Quantity\":2,\"Items\":[\"a.example.com\",\"b.example.com\"]},\"CacheBehaviors\":{\"Quantity\":0,\"Items\":[]},\"Comment\":\"true story\"}]}}",
                json.ToJsonString());
        }

        [Fact]
        public void A_repeated_element_is_a_flattened_list()
        {
            var json = RestXmlResponseReader.Read("<R><Rule><ID>a</ID></Rule><Rule><ID>b</ID></Rule><Quantity>x</Quantity></R>", "Op", Shape);

            Assert.Equal("{\"R\":{\"Rule\":[{\"ID\":\"a\"},{\"ID\":\"b\"}],\"Quantity\":\"x\"}}", json.ToJsonString());
        }
    }
}
