//! `figcheck report`: the HTML page is self-contained and everything from
//! an article — text and front matter — lands in it as inert text.

use assert_cmd::Command;

fn write(dir: &std::path::Path, name: &str, text: &str) {
    std::fs::write(dir.join(name), text).unwrap();
}

#[test]
fn payloads_in_text_and_front_matter_render_inert() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "a.md",
        "---\ntitle: \"\\\"><img src=x onerror=alert(1)>\"\noutlet: \"<b onmouseover=alert(2)>Ledger</b>\"\nurl: \"javascript:alert(3)\"\ndate: 2024-01-25\n---\nExports to the United States rose to ¥20.3 trillion last year <script>alert(4)</script> said officials.\n",
    );
    write(
        dir.path(),
        "b.md",
        "---\ntitle: \"B' onload='alert(5)\"\nurl: \"https://example.com/b?x=<svg/onload=alert(6)>\"\ndate: 2024-02-02\n---\nExporters' sales to the US climbed to a record ¥23.0 trillion in 2023 </textarea><script>alert(7)</script>.\n",
    );
    let out = dir.path().join("report.html");
    Command::cargo_bin("figcheck")
        .unwrap()
        .current_dir(dir.path())
        .args(["report", "a.md", "b.md", "--no-config", "-o"])
        .arg(&out)
        .assert()
        .success();
    let html = std::fs::read_to_string(&out).unwrap();

    // The finding is there, with both passages.
    assert!(html.contains("FC201"), "{html}");
    assert!(html.contains("<mark>¥20.3 trillion</mark>"), "{html}");
    // Exactly one script element: the page's own.
    assert_eq!(html.matches("<script").count(), 1, "{html}");
    // No element or attribute from the articles survives as markup.
    for raw in [
        "<img",
        "<b onmouseover",
        "<svg/onload",
        "</textarea>",
        "onload='alert",
        "href=\"javascript:",
        "alert(4)</script>",
    ] {
        assert!(!html.contains(raw), "{raw} leaked into the page");
    }
    // They are shown as text instead.
    assert!(
        html.contains("&lt;script&gt;alert(4)&lt;&#x2f;script&gt;")
            || html.contains("&lt;script&gt;alert(4)&lt;/script&gt;"),
        "{html}"
    );
    assert!(
        html.contains("&lt;img src=x onerror=alert(1)&gt;"),
        "{html}"
    );
    // A javascript: URL is not linked at all; an https one is, escaped.
    assert!(
        !html.to_ascii_lowercase().contains("javascript:alert(3)\""),
        "{html}"
    );
    assert!(
        html.contains(
            "href=\"https:&#x2f;&#x2f;example.com&#x2f;b?x=&lt;svg&#x2f;onload=alert(6)&gt;\""
        ),
        "{html}"
    );
}

#[test]
fn the_page_needs_no_network() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("report.html");
    let root = env!("CARGO_MANIFEST_DIR");
    Command::cargo_bin("figcheck")
        .unwrap()
        .current_dir(root)
        .args([
            "report",
            "examples/draft/draft.md",
            "--against",
            "examples/articles",
            "--no-config",
            "-o",
        ])
        .arg(&out)
        .assert()
        .success();
    let html = std::fs::read_to_string(&out).unwrap();
    // No external script, style, font or image: only the articles' own
    // links (in <a href>) point outside.
    for external in [
        "<script src",
        "<link ",
        "@import",
        "url(http",
        "<img src=\"http",
    ] {
        assert!(!html.contains(external), "{external} in the page");
    }
    assert!(
        html.contains("<svg"),
        "the disagreement chart is inline SVG"
    );
    // One card per finding that `check` reports for the same inputs.
    let check = Command::cargo_bin("figcheck")
        .unwrap()
        .current_dir(root)
        .args([
            "check",
            "examples/draft/draft.md",
            "--against",
            "examples/articles",
            "--no-config",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    let report: serde_json::Value = serde_json::from_slice(&check.stdout).unwrap();
    let findings = report["findings"].as_array().unwrap().len();
    assert_eq!(findings, 12, "the example's findings");
    assert_eq!(
        html.matches("class=\"card ").count(),
        findings,
        "one card per finding"
    );
}
