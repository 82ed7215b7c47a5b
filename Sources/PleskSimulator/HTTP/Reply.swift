import Hummingbird
import NIOCore

/// A complete answer before it becomes a `Response`; faults transform its body.
struct Reply {
    var status: HTTPResponse.Status
    var body: ByteBuffer
    var headers: HTTPFields

    static let jsonContentType = "application/json; charset=utf-8"
    static let htmlContentType = "text/html; charset=UTF-8"

    static func json(_ status: HTTPResponse.Status = .ok, _ body: ByteBuffer) -> Reply {
        Reply(status: status, body: body, headers: [.contentType: Self.jsonContentType])
    }

    static func error(_ status: HTTPResponse.Status, message: String) -> Reply {
        .json(status, PleskJSON.error(code: status.code, message: message))
    }

    static func empty(_ status: HTTPResponse.Status) -> Reply {
        Reply(status: status, body: ByteBuffer(), headers: [:])
    }

    static func xml(_ bytes: [UInt8], status: HTTPResponse.Status = .ok) -> Reply {
        Reply(status: status, body: ByteBuffer(bytes: bytes), headers: [.contentType: PleskXML.contentType])
    }

    static func html(_ status: HTTPResponse.Status, _ text: String) -> Reply {
        Reply(status: status, body: ByteBuffer(string: text), headers: [.contentType: Self.htmlContentType])
    }

    var response: Response {
        Response(status: self.status, headers: self.headers, body: ResponseBody(byteBuffer: self.body))
    }

    /// What a browser gets from Plesk's panel: its login page.
    static let loginPage = """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>Plesk Obsidian 18.0.76</title></head>
        <body class="sid-login"><div id="main"><h1>Plesk login page</h1>
        <form method="post" action="/login_up.php"><input type="text" name="login_name">
        <input type="password" name="passwd"><button type="submit">Log in</button></form></div></body></html>

        """
}

/// Thrown to drop a connection without (the rest of) an answer; Hummingbird closes the channel.
struct ConnectionAbort: Error {}
