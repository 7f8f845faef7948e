"""The storage boundary: one module per aggregate owns its queries; views and checks call these."""
