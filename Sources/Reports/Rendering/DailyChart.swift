import Foundation

/// A line chart of one count over a report's daily points, as inline SVG: no script, no external reference, and
/// coordinates written with one decimal so the same data gives the same bytes.
struct DailyChart {
    var title: String
    var color: String
    /// Time and value, oldest first.
    var points: [(at: Date, value: Int)]

    static let width = 640.0
    static let height = 150.0
    private static let left = 64.0
    private static let right = 28.0
    private static let top = 24.0
    private static let bottom = 26.0

    var svg: String {
        let plotWidth = Self.width - Self.left - Self.right
        let plotHeight = Self.height - Self.top - Self.bottom
        let values = points.map(\.value)
        let minimum = values.min() ?? 0
        let maximum = values.max() ?? 0
        // A tenth of the range (at least 1) above and below, so the line never runs along the frame; a flat line
        // sits in the middle.
        let padding = max(1, (maximum - minimum + 9) / 10)
        let low = max(0, minimum - padding)
        let high = maximum + padding
        let first = points.first?.at ?? Date(timeIntervalSince1970: 0)
        let span = max((points.last?.at ?? first).timeIntervalSince(first), 1)
        func x(_ date: Date) -> Double { Self.left + plotWidth * date.timeIntervalSince(first) / span }
        func y(_ value: Int) -> Double { Self.top + plotHeight * (1 - Double(value - low) / Double(high - low)) }

        var out =
            ##"<svg class="chart" viewBox="0 0 \##(Self.f(Self.width)) \##(Self.f(Self.height))" "##
            + ##"width="\##(Self.f(Self.width))" height="\##(Self.f(Self.height))" role="img" "##
            + ##"font-family="Helvetica, Arial, sans-serif" "##
            + ##"aria-label="\##(HTMLText.escape(title))">"##
        out += "<title>\(HTMLText.escape(title))</title>"
        // Presentation attributes rather than classes: mail clients that drop <style> keep them.
        out += Self.text(x: Self.left, y: 14, anchor: "start", size: 12, title, bold: true)
        // Grid lines and labels at the lowest and the highest count.
        let labels = minimum == maximum ? [minimum] : [minimum, maximum]
        for value in labels {
            let lineY = Self.f(y(value))
            out +=
                ##"<line x1="\##(Self.f(Self.left))" y1="\##(lineY)" x2="\##(Self.f(Self.width - Self.right))" "##
                + ##"y2="\##(lineY)" stroke="#dddddd" stroke-width="1"/>"##
            out += Self.text(x: Self.left - 6, y: y(value) + 4, anchor: "end", size: 11, ReportText.number(value))
        }
        // Day labels at midnight points; thinned out so that at most 10 are written.
        let midnights = points.filter { Int($0.at.timeIntervalSince1970) % 86_400 == 0 }
        let every = max(1, (midnights.count + 9) / 10)
        for (index, point) in midnights.enumerated() where index % every == 0 {
            let day = String(ReportText.day(point.at).dropFirst(5))
            out += Self.text(x: x(point.at), y: Self.height - 8, anchor: "middle", size: 11, day)
        }
        let path = points.map { "\(Self.f(x($0.at))),\(Self.f(y($0.value)))" }.joined(separator: " ")
        out += ##"<polyline points="\##(path)" fill="none" stroke="\##(color)" stroke-width="2"/>"##
        for point in points {
            out +=
                ##"<circle cx="\##(Self.f(x(point.at)))" cy="\##(Self.f(y(point.value)))" r="2.5" fill="\##(color)">"##
                + "<title>\(ReportText.time(point.at)) UTC: \(ReportText.number(point.value))</title></circle>"
        }
        return out + "</svg>"
    }

    /// A label; `y` is its baseline.
    private static func text(
        x: Double, y: Double, anchor: String, size: Int, _ content: String, bold: Bool = false
    ) -> String {
        let weight = bold ? #" font-weight="bold""# : ""
        return ##"<text x="\##(f(x))" y="\##(f(y))" text-anchor="\##(anchor)" font-size="\##(size)"\##(weight) "##
            + ##"fill="#444444">\##(HTMLText.escape(content))</text>"##
    }

    /// One decimal, no locale.
    static func f(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        let sign = tenths < 0 ? "-" : ""
        return "\(sign)\(abs(tenths) / 10).\(abs(tenths) % 10)"
    }
}
