/// Rough text measurement for placing labels without a font engine.
public enum TextMetrics {
    /// The approximate width of `text` in a sans-serif font of `fontSize` pixels (0.56 em per character).
    public static func width(_ text: String, fontSize: Double) -> Double {
        Double(text.count) * fontSize * 0.56
    }
}
