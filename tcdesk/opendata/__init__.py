"""What the public sees without signing in: pages, files, the open API and the IATI feed."""
