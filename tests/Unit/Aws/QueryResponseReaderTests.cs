using System.Text.Json.Nodes;
using System.Xml;
using WASecurity.Aws;
using Xunit;

namespace WASecurity.Tests.Aws
{
    public sealed class QueryResponseReaderTests
    {
        [Fact]
        public void Sns_topic_attributes_stay_strings_and_the_policy_stays_json_text()
        {
            // GetTopicAttributes as SNS answers it (AWS API reference): an entry map, the policy XML-escaped JSON text.
            const string xml = "<GetTopicAttributesResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\"><GetTopicAttributesResult><Attributes>"
                + "<entry><key>Owner</key><value>123456789012</value></entry>"
                + "<entry><key>Policy</key><value>{&quot;Version&quot;:&quot;2008-10-17&quot;,&quot;Statement&quot;:[{&quot;Effect&quot;:&quot;Allow&quot;,&quot;Principal&quot;:{&quot;AWS&quot;:&quot;*&quot;},&quot;Action&quot;:&quot;SNS:Publish&quot;}]}</value></entry>"
                + "<entry><key>SubscriptionsConfirmed</key><value>1</value></entry>"
                + "<entry><key>FifoTopic</key><value>false</value></entry>"
                + "<entry><key>TopicArn</key><value>arn:aws:sns:us-east-1:123456789012:My-Topic</value></entry>"
                + "</Attributes></GetTopicAttributesResult><ResponseMetadata><RequestId>057f074c-33a7-11df-9540-99d0768312d3</RequestId></ResponseMetadata></GetTopicAttributesResponse>";

            var json = QueryResponseReader.Read(xml, "GetTopicAttributes", WASecurity.Aws.Operations.SnsOperations.TopicAttributesShape);

            var attributes = json["Attributes"]!;
            Assert.Equal("1", attributes["SubscriptionsConfirmed"]!.GetValue<string>());
            Assert.Equal("false", attributes["FifoTopic"]!.GetValue<string>());
            Assert.Equal("{\"Version\":\"2008-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"*\"},\"Action\":\"SNS:Publish\"}]}", attributes["Policy"]!.GetValue<string>());
        }

        [Fact]
        public void Maps_become_objects_with_numbers_where_the_shape_says_so()
        {
            var xml = "<GetAccountSummaryResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\"><GetAccountSummaryResult><SummaryMap>"
                + "<entry><key>AccountMFAEnabled</key><value>0</value></entry><entry><key>Users</key><value>12</value></entry>"
                + "</SummaryMap></GetAccountSummaryResult><ResponseMetadata><RequestId>1</RequestId></ResponseMetadata></GetAccountSummaryResponse>";

            var json = QueryResponseReader.Read(xml, "GetAccountSummary", new QueryShape(maps: new[] { "SummaryMap" }, numbers: new[] { "SummaryMap" }));

            Assert.Equal("{\"SummaryMap\":{\"AccountMFAEnabled\":0,\"Users\":12}}", json.ToJsonString());
        }

        [Fact]
        public void Members_become_lists_empty_lists_stay_lists_and_booleans_are_typed()
        {
            var xml = "<ListUsersResponse><ListUsersResult><IsTruncated>false</IsTruncated><Users><member><UserName>a</UserName><Path>/</Path></member>"
                + "<member><UserName>b</UserName><Path>/</Path></member></Users><Groups/></ListUsersResult></ListUsersResponse>";

            var json = QueryResponseReader.Read(xml, "ListUsers", new QueryShape(lists: new[] { "Groups" }));

            Assert.Equal("{\"IsTruncated\":false,\"Users\":[{\"UserName\":\"a\",\"Path\":\"/\"},{\"UserName\":\"b\",\"Path\":\"/\"}],\"Groups\":[]}", json.ToJsonString());
        }

        [Fact]
        public void Url_encoded_policy_documents_are_printed_as_json_objects()
        {
            var document = System.Uri.EscapeDataString("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:Get*\",\"Resource\":\"arn:aws:s3:::a+b/*\"}]}");
            var xml = $"<GetPolicyVersionResponse><GetPolicyVersionResult><PolicyVersion><Document>{document}</Document><IsDefaultVersion>true</IsDefaultVersion></PolicyVersion></GetPolicyVersionResult></GetPolicyVersionResponse>";

            var json = QueryResponseReader.Read(xml, "GetPolicyVersion", new QueryShape(documents: new[] { "Document" }));

            var statement = json["PolicyVersion"]!["Document"]!["Statement"]![0]!;
            Assert.Equal("arn:aws:s3:::a+b/*", statement["Resource"]!.GetValue<string>());
            Assert.True(json["PolicyVersion"]!["IsDefaultVersion"]!.GetValue<bool>());
        }

        [Fact]
        public void Lists_nested_in_list_members_are_not_wrapped_twice()
        {
            var xml = "<R><RResult><UserDetailList><member><UserName>u</UserName><GroupList/><UserPolicyList><member><PolicyName>p</PolicyName></member></UserPolicyList></member></UserDetailList></RResult></R>";

            var json = QueryResponseReader.Read(xml, "R", new QueryShape(lists: new[] { "UserDetailList", "GroupList", "UserPolicyList" }));

            Assert.Equal("{\"UserDetailList\":[{\"UserName\":\"u\",\"GroupList\":[],\"UserPolicyList\":[{\"PolicyName\":\"p\"}]}]}", json.ToJsonString());
        }

        [Fact]
        public void Text_fields_keep_true_and_false_as_strings_while_other_leaves_become_booleans()
        {
            const string xml = "<R><RResult><UserDetailList><member><UserName>true</UserName><GroupList><member>false</member></GroupList>"
                + "<Tags><member><Key>Public</Key><Value>true</Value></member></Tags></member></UserDetailList><IsTruncated>false</IsTruncated></RResult></R>";

            var json = QueryResponseReader.Read(xml, "R", WASecurity.Aws.Operations.IamOperations.Common);

            Assert.Equal("{\"UserDetailList\":[{\"UserName\":\"true\",\"GroupList\":[\"false\"],\"Tags\":[{\"Key\":\"Public\",\"Value\":\"true\"}]}],\"IsTruncated\":false}", json.ToJsonString());
        }

        [Fact]
        public void A_document_type_definition_is_refused()
        {
            var xml = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><R><RResult><A>&x;</A></RResult></R>";

            Assert.Throws<XmlException>(() => QueryResponseReader.Read(xml, "R", QueryShape.Empty));
        }
    }
}
