/// The XML API packets of `shared/reference/plesk-xml-api.md`, copied verbatim, and variants of them.
enum XMLPackets {
    /// §2.6 "Full example": the `webspace get` response (two subscriptions, one IDN, one without a plan).
    static let subscriptions = #"""
<?xml version="1.0" encoding="UTF-8"?>
<packet version="1.6.9.1">
  <webspace>
    <get>
      <result>
        <status>ok</status>
        <filter-id>1</filter-id>
        <id>1</id>
        <data>
          <gen_info>
            <cr_date>2021-03-14</cr_date>
            <name>example.com</name>
            <ascii-name>example.com</ascii-name>
            <status>0</status>
            <real_size>734003200</real_size>
            <owner-id>1</owner-id>
            <owner-login>admin</owner-login>
            <dns_ip_address>203.0.113.10</dns_ip_address>
            <htype>vrt_hst</htype>
            <guid>006389ab-0cb7-4bb3-a6d0-7e843c78cca0</guid>
            <vendor-guid>68fe5cdb-7540-45fc-960e-8ff685605e4b</vendor-guid>
            <external-id/>
          </gen_info>
          <limits>
            <overuse>block</overuse>
            <limit><name>max_site</name><value>5</value></limit>
            <limit><name>disk_space</name><value>10737418240</value></limit>
            <limit><name>max_traffic</name><value>-1</value></limit>
            <limit><name>expiration</name><value>-1</value></limit>
          </limits>
          <stat>
            <traffic>5896615637</traffic>
            <subdom>2</subdom>
            <wu>0</wu>
            <box>4</box>
            <redir>0</redir>
            <mg>0</mg>
            <resp>0</resp>
            <maillists>0</maillists>
            <db>1</db>
            <mssql_db>0</mssql_db>
            <traffic_prevday>152562874</traffic_prevday>
            <domains>1</domains>
            <sites>3</sites>
          </stat>
          <disk_usage>
            <httpdocs>524288000</httpdocs>
            <httpsdocs>0</httpsdocs>
            <subdomains>10485760</subdomains>
            <web_users>0</web_users>
            <anonftp>0</anonftp>
            <logs>20971520</logs>
            <dbases>52428800</dbases>
            <mailboxes>125829120</mailboxes>
            <maillists>0</maillists>
            <domaindumps>0</domaindumps>
            <configs>4096</configs>
            <chroot>0</chroot>
          </disk_usage>
          <subscriptions>
            <subscription>
              <locked>false</locked>
              <synchronized>true</synchronized>
              <plan><plan-guid>3991a908-1994-45bf-a71b-10c4449a1f13</plan-guid></plan>
            </subscription>
          </subscriptions>
        </data>
      </result>
      <result>
        <status>ok</status>
        <filter-id>2</filter-id>
        <id>2</id>
        <data>
          <gen_info>
            <cr_date>2019-11-02</cr_date>
            <name>müller-bau.de</name>
            <ascii-name>xn--mller-bau-q9a.de</ascii-name>
            <status>272</status>
            <real_size>0</real_size>
            <owner-id>7</owner-id>
            <dns_ip_address>203.0.113.11</dns_ip_address>
            <dns_ip_address>2001:db8::11</dns_ip_address>
            <htype>vrt_hst</htype>
            <guid>da7a333c-b56a-47e2-adad-67a142c0b890</guid>
            <vendor-guid>68fe5cdb-7540-45fc-960e-8ff685605e4b</vendor-guid>
            <external-id>whmcs-1c023193</external-id>
          </gen_info>
          <limits>
            <overuse>normal</overuse>
            <limit><name>disk_space</name><value>1073741824</value></limit>
            <limit><name>expiration</name><value>1738281600</value></limit>
          </limits>
          <stat>
            <traffic>0</traffic><subdom>0</subdom><wu>0</wu><box>0</box><redir>0</redir>
            <mg>0</mg><resp>0</resp><maillists>0</maillists><db>0</db><mssql_db>0</mssql_db>
            <traffic_prevday>0</traffic_prevday><domains>1</domains><sites>1</sites>
          </stat>
          <disk_usage>
            <httpdocs>0</httpdocs><httpsdocs>0</httpsdocs><subdomains>0</subdomains>
            <web_users>0</web_users><anonftp>0</anonftp><logs>0</logs><dbases>0</dbases>
            <mailboxes>0</mailboxes><maillists>0</maillists><domaindumps>0</domaindumps>
            <configs>0</configs><chroot>0</chroot>
          </disk_usage>
          <subscriptions/>
        </data>
      </result>
    </get>
  </webspace>
</packet>
"""#

    /// §3 "service-plan get" example response.
    static let servicePlans = #"""
<packet version="1.6.9.1"><service-plan><get>
  <result>
    <status>ok</status>
    <id>3</id>
    <name>Business</name>
    <guid>3991a908-1994-45bf-a71b-10c4449a1f13</guid>
    <external-id/>
    <owner-id>1</owner-id>
    <limits>
      <overuse>block</overuse>
      <limit><name>disk_space</name><value>10737418240</value></limit>
      <limit><name>max_site</name><value>5</value></limit>
    </limits>
    <!-- mail, log-rotation, preferences, hosting, performance, permissions, php-settings … -->
  </result>
</get></service-plan></packet>
"""#

    /// §1 "Authentication": the real answer to a wrong header name (system error 1029).
    static let system1029 = #"""
<?xml version="1.0"?>
<packet version="1.6.9.1">
    <system>
        <status>error</status>
        <errcode>1029</errcode>
        <errtext>Authentication method is not specified</errtext>
    </system>
</packet>
"""#

    /// §2.4 "Result structure and errors": the documented error result (1013, object not found).
    static let result1013 = #"""
  <packet><webspace><get><result>
    <status>error</status><errcode>1013</errcode><errtext>Object not found.</errtext><id>1234</id>
  </result></get></webspace></packet>
  
"""#

    /// A `system` error packet with `code` (what Plesk sends for checkup errors, §1 "Envelope and errors").
    static func system(code: Int, text: String = "Some error text") -> String {
        #"<?xml version="1.0"?><packet version="1.6.9.1"><system><status>error</status>"#
            + "<errcode>\(code)</errcode><errtext>\(text)</errtext></system></packet>"
    }

    /// A `webspace get` answer holding `results` (each a whole `<result>` element).
    static func webspace(_ results: [String]) -> String {
        #"<?xml version="1.0" encoding="UTF-8"?><packet version="1.6.9.1"><webspace><get>"#
            + results.joined() + "</get></webspace></packet>"
    }

    /// A compact `webspace get` result with the required fields; `extra` goes into `data` after `gen_info`.
    static func subscriptionResult(
        id: Int, name: String = "site.example", guid: String? = nil, status: String = "0", extra: String = ""
    ) -> String {
        "<result><status>ok</status><filter-id>\(id)</filter-id><id>\(id)</id><data><gen_info>"
            + "<cr_date>2024-01-01</cr_date><name>\(name)</name><ascii-name>\(name)</ascii-name>"
            + "<status>\(status)</status><real_size>\(id * 1000)</real_size><htype>vrt_hst</htype>"
            + "<guid>\(guid ?? "guid-\(id)")</guid><external-id/></gen_info>\(extra)<subscriptions/></data></result>"
    }
}
