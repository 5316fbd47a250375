/// `leadtrail --version`: the release and the git commit the binary was built from.
enum LeadTrailVersion {
    /// The release number, raised with each release.
    static let number = "0.14.0"

    /// `0.14.0 (commit 4dcae5b1c2d3)`; `modified` when the tree had uncommitted changes; `commit unknown` when
    /// built without git (`BuildCommit` is written at build time by the StampVersion plugin).
    static var text: String { "\(number) (\(BuildCommit.hash))" }
}
