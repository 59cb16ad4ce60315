"""The web app for teleworking staff and the vidéocodage station."""
